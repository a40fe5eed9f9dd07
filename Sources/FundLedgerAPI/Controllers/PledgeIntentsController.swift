import Hummingbird
import Ledger
import Postgres

/// `/v1/pledge-intents`: what collectivités said they intend to give, before any vote — kept and
/// thanked, never posted. Readers list (`?fund=`, `?donor=`, `?voted=`) and read them; a clerk
/// records one (`fundledger pledge add --intent`) and confirms it with its délibération
/// (`fundledger pledge confirm N`), which alone makes it a pledge posted 4417/74.
struct PledgeIntentsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
        group.requiring(.clerk)
            .post(use: create)
            .post(":id/confirm", use: confirm)
    }

    /// fund_by_code names its column `code`, donor_by_name `name`.
    static let fields = ["code": "fund", "name": "donor", "amount": "amount_cents", "on": "announced_on",
                         "announcedOn": "announced_on"]

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let fund = request.queryText("fund")
        let donor = request.queryText("donor")
        let voted = try request.queryBool("voted")
        let intents = try await renamingFields(Self.fields) {
            try await service.read { try $0.pledgeIntents(fund: fund, donor: donor, voted: voted, page: page) }
        }
        return try .json(intents)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.pledgeIntent(id: id) })
    }

    /// `{"fund": "VIETNAM", "donor": "Cergy", "amount_cents": 500000, "announced_on": "2026-01-12",
    /// "note": "Intérêt confirmé par courriel"}`.
    struct NewIntent: Decodable {
        var fund: String
        var donor: String
        var amountCents: Int64
        var announcedOn: String?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case fund, donor, amountCents = "amount_cents", announcedOn = "announced_on", note
        }
    }

    /// 201 with the intention as `GET /v1/pledge-intents/{id}` shows it.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewIntent.self, context: context)
        let amount = try APIInput.amount(body.amountCents)
        let announcedOn = try APIInput.date(body.announcedOn, field: "announced_on")
        let intent = try await service.record(request, context, kind: "pledge_intent", fields: Self.fields) { store, key in
            try store.recordPledgeIntent(donor: body.donor, fund: body.fund, amount: amount, on: announcedOn,
                                         note: body.note, idempotencyKey: key)
        }
        return try .json(intent, status: .created, location: "/v1/pledge-intents/\(intent.id)")
    }

    /// `{"deliberation": "DEL-2026-014", "on": "2026-02-10", "amount_cents": 450000}`: the
    /// délibération (required), the day it was voted (today when absent), the amount voted when
    /// it differs from the one announced.
    struct Vote: Decodable {
        var deliberation: String
        var on: String?
        var amountCents: Int64?

        enum CodingKeys: String, CodingKey {
            case deliberation, on, amountCents = "amount_cents"
        }
    }

    /// 201 with the pledge it became, as `GET /v1/pledges/{id}` shows it (`Location:` there).
    /// An intention is voted once (409, FL015).
    @Sendable func confirm(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        let body = try await request.decodeJSON(Vote.self, context: context)
        let amount = try APIInput.amount(body.amountCents, field: "amount_cents")
        let votedOn = try APIInput.date(body.on, field: "on")
        let pledge = try await service.record(request, context, kind: "pledge_confirm",
                                              fields: ["amount": "amount_cents", "value_date": "on", "pledged_on": "on",
                                                       "reference": "deliberation"],
                                              tables: ["pledge_intents": "id"]) { store, key in
            let pledge = try store.confirmPledgeIntent(id, deliberation: body.deliberation, on: votedOn, amount: amount,
                                                       idempotencyKey: key)
            return try store.reader.pledge(id: pledge.id)
        }
        return try .json(pledge, status: .created, location: "/v1/pledges/\(pledge.id)")
    }
}
