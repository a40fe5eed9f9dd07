import Hummingbird
import Ledger

/// `/v1/settlements`: what left a fund to settle it before it closes. Readers list them
/// (`?fund=`, given up or receiving) and read one; an admin reallocates a fund's money to another
/// fund with the donors' agreement, or refunds it to the donors pro rata of their gifts
/// (`POST /v1/funds/{code}/reallocations|refunds`, mounted by `routes(forFunds:)`).
struct SettlementsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
    }

    /// The writes, under `/v1/funds/{code}/…`: the fund given up is the resource they act on.
    func addFundRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.admin)
            .post(":code/reallocations", use: reallocate)
            .post(":code/refunds", use: refund)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let fund = request.queryText("fund")
        let settlements = try await renamingFields(["code": "fund"]) {
            try await service.read { try $0.settlements(fund: fund) }
        }
        return try .json(settlements)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.settlement(id: id) })
    }

    /// `{"to": "MAROC", "amount_cents": 100000, "on": "2026-11-02", "agreement": "AG-2026-07",
    /// "agreed_on": "2026-10-02"}`; without `amount_cents`, all the fund holds.
    struct NewReallocation: Decodable {
        var to: String
        var amountCents: Int64?
        var on: String?
        var agreement: String
        var agreedOn: String

        enum CodingKeys: String, CodingKey {
            case to, amountCents = "amount_cents", on, agreement, agreedOn = "agreed_on"
        }
    }

    /// 201 with the settlement as `GET /v1/settlements/{id}` shows it.
    @Sendable func reallocate(_ request: Request, context: APIRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(NewReallocation.self, context: context)
        let amount = try APIInput.amount(body.amountCents, field: "amount_cents")
        let date = try APIInput.date(body.on, field: "on")
        let agreedOn = try APIInput.date(body.agreedOn, field: "agreed_on")
        let settlement = try await service.record(request, context, kind: "reallocation",
                                                  fields: ["amount": "amount_cents", "reference": "agreement",
                                                           "value_date": "on", "fund": "code"]) { store, key in
            try store.reallocateFund(from: code, to: body.to, amount: amount, on: date, reference: body.agreement,
                                     agreedOn: agreedOn, idempotencyKey: key)
        }
        return try .json(settlement, status: .created, location: "/v1/settlements/\(settlement.id)")
    }

    /// `{"amount_cents": 200000, "on": "2026-11-06", "decision": "CA-2026-11",
    /// "decided_on": "2026-11-05"}`; without `amount_cents`, all the fund holds. The answer
    /// lists each donor's share.
    struct NewRefund: Decodable {
        var amountCents: Int64?
        var on: String?
        var decision: String
        var decidedOn: String

        enum CodingKeys: String, CodingKey {
            case amountCents = "amount_cents", on, decision, decidedOn = "decided_on"
        }
    }

    @Sendable func refund(_ request: Request, context: APIRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(NewRefund.self, context: context)
        let amount = try APIInput.amount(body.amountCents, field: "amount_cents")
        let date = try APIInput.date(body.on, field: "on")
        let decidedOn = try APIInput.date(body.decidedOn, field: "decided_on")
        let settlement = try await service.record(request, context, kind: "refund",
                                                  fields: ["amount": "amount_cents", "reference": "decision",
                                                           "agreed_on": "decided_on", "value_date": "on",
                                                           "fund": "code"]) { store, key in
            try store.refundFund(code, amount: amount, on: date, reference: body.decision, agreedOn: decidedOn,
                                 idempotencyKey: key)
        }
        return try .json(settlement, status: .created, location: "/v1/settlements/\(settlement.id)")
    }
}
