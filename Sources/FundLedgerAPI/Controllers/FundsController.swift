import Hummingbird
import Ledger

/// `/v1/funds`: every token reads them; an admin opens a fund and changes its status.
struct FundsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":code", use: show)
        group.requiring(.admin)
            .post(use: create)
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
        let caller = try context.caller()
        let body = try await request.decodeJSON(NewFund.self, context: context)
        let openedOn = try APIInput.date(body.openedOn, field: "opened_on")
        let key = caller.idempotencyKey(request.idempotencyKey)
        let fund = try await renamingFields([:]) {
            try await service.write(actor: caller.actor) { store in
                try store.openFund(code: body.code, name: body.name, audience: body.audience, openedOn: openedOn,
                                   idempotencyKey: key)
            }
        }
        APIMetrics.write("fund")
        return try .json(fund, status: .created, location: "/v1/funds/\(fund.code)")
    }
}
