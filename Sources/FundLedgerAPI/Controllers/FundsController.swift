import Hummingbird
import Ledger

/// `/v1/funds`: every token reads them and their donors; an admin opens a fund and changes its
/// status.
struct FundsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":code", use: show)
            .get(":code/donors", use: donors)
        group.requiring(.admin)
            .post(use: create)
            .post(":code/status", use: setStatus)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        return try .json(try await service.read { try $0.funds(page: page) })
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        return try .json(try await service.read { try $0.fund(code: code) })
    }

    struct NewFund: Decodable {
        var code: String
        var name: String
        var audience: String?
        var openedOn: String?

        enum CodingKeys: String, CodingKey {
            case code, name, audience, openedOn = "opened_on"
        }
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewFund.self, context: context)
        let openedOn = try APIInput.date(body.openedOn, field: "opened_on")
        let fund = try await service.record(request, context, kind: "fund") { store, key in
            try store.openFund(code: body.code, name: body.name, audience: body.audience, openedOn: openedOn,
                               idempotencyKey: key)
        }
        return try .json(fund, status: .created, location: "/v1/funds/\(fund.code)")
    }

    /// Per donor of the fund, in French dictionary order (the thanks' order): not paged, a fund
    /// has tens of donors, not thousands. `?only=contributed|pledged|all`.
    @Sendable func donors(_ request: Request, context: APIRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let selection = try request.queryChoice("only", as: DonorSelection.self) ?? .all
        let totals = try await renamingFields(["code": "code", "fund": "code"]) {
            try await service.read { try $0.donorTotals(fund: code, only: selection) }
        }
        return try .json(totals)
    }

    struct NewStatus: Decodable {
        var status: Fund.Status
        var on: String?
    }

    /// `{"status": "closing", "on": "2026-03-01"}`: 200 with the fund as it now stands.
    @Sendable func setStatus(_ request: Request, context: APIRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let body = try await request.decodeJSON(NewStatus.self, context: context)
        let date = try APIInput.date(body.on, field: "on")
        let fund = try await service.record(request, context, kind: "fund_status",
                                            fields: ["closed_on": "on", "closedOn": "on"]) { store, key in
            try store.setFundStatus(code: code, status: body.status, on: date, idempotencyKey: key)
        }
        return try .json(fund)
    }
}
