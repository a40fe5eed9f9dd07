import Hummingbird
import Ledger
import Postgres

/// `/v1/pledges`: what collectivités promised. Readers list (`?fund=`, `?donor=`) and read them
/// with what each received; a clerk records a pledge, writes off what it will not bring, or
/// cancels one that received nothing.
struct PledgesController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
        group.requiring(.clerk)
            .post(use: create)
            .post(":id/write-off", use: writeOff)
            .post(":id/cancel", use: cancel)
    }

    /// fund_by_code names its column `code`, donor_by_name `name`.
    static let fields = ["code": "fund", "name": "donor", "amount": "amount_cents", "pledgedOn": "pledged_on",
                         "value_date": "pledged_on"]

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let fund = request.queryText("fund")
        let donor = request.queryText("donor")
        let pledges = try await renamingFields(Self.fields) {
            try await service.read { try $0.pledges(fund: fund, donor: donor, page: page) }
        }
        return try .json(pledges)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.pledge(id: id) })
    }

    /// `{"fund": "VIETNAM", "donor": "Rennes", "amount_cents": 1000000, "pledged_on": "2026-01-15",
    /// "reference": "Délibération 2026-014"}`.
    struct NewPledge: Decodable {
        var fund: String
        var donor: String
        var amountCents: Int64
        var pledgedOn: String?
        var reference: String?

        enum CodingKeys: String, CodingKey {
            case fund, donor, amountCents = "amount_cents", pledgedOn = "pledged_on", reference
        }
    }

    /// 201 with the pledge as `GET /v1/pledges/{id}` shows it.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewPledge.self, context: context)
        let amount = try APIInput.amount(body.amountCents)
        let pledgedOn = try APIInput.date(body.pledgedOn, field: "pledged_on")
        let pledge = try await service.record(request, context, kind: "pledge", fields: Self.fields) { store, key in
            let pledge = try store.recordPledge(donor: body.donor, fund: body.fund, amount: amount, on: pledgedOn,
                                                reference: body.reference, idempotencyKey: key)
            return try store.reader.pledge(id: pledge.id)
        }
        return try .json(pledge, status: .created, location: "/v1/pledges/\(pledge.id)")
    }

    /// `{"reason": "Délibération rapportée", "on": "2026-03-01"}`: why, and the day (today when absent).
    struct Closing: Decodable {
        var reason: String?
        var on: String?
    }

    /// 200 with the write-off entry (its id leads to `/v1/entries/{id}`).
    @Sendable func writeOff(_ request: Request, context: APIRequestContext) async throws -> Response {
        try await close(request, context, kind: "pledge_write_off") { store, id, reason, date, key in
            try store.writeOffPledge(id, reason: reason, on: date, idempotencyKey: key)
        }
    }

    /// 200 with the reversal entry that cancels the pledge.
    @Sendable func cancel(_ request: Request, context: APIRequestContext) async throws -> Response {
        try await close(request, context, kind: "pledge_cancel") { store, id, reason, date, key in
            try store.cancelPledge(id, reason: reason, on: date, idempotencyKey: key)
        }
    }

    /// Write-off and cancellation read the same path and body and answer the same way.
    private func close(_ request: Request, _ context: APIRequestContext, kind: String,
                       _ event: @escaping @Sendable (LedgerStore, Int64, String?, CalendarDate, String?) throws -> JournalEntry)
        async throws -> Response {
        let id = try context.parameters.requireID()
        let body = try await request.decodeJSON(Closing.self, context: context)
        let date = try APIInput.date(body.on, field: "on")
        let entry = try await service.record(request, context, kind: kind, fields: ["value_date": "on"],
                                             tables: ["pledges": "id"]) { store, key in
            try event(store, id, body.reason, date, key)
        }
        return try .json(entry)
    }
}
