import Hummingbird
import Ledger

/// `/v1/balances`: each fund's received, disbursed, available and outstanding pledges, by code
/// (`?fund=` for one). Not paged: one line per fund, and funds are few.
struct BalancesController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let fund = request.queryText("fund")
        let balances = try await renamingFields(["code": "fund"]) {
            try await service.read { try $0.balances(fund: fund) }
        }
        return try .json(balances)
    }
}
