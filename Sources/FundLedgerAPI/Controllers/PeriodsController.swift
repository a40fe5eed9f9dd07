import Hummingbird
import Ledger

/// `/v1/periods`: how far the books are closed (any token), and closing them through a day
/// (admin), as `fundledger period show` and `fundledger period close --through D`.
struct PeriodsController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: show)
        group.requiring(.admin)
            .post("close", use: close)
    }

    /// Every closing (who, when, through which day), each fund's `books_closed_through`, the
    /// years closed by the year-end.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try .json(try await service.read { try $0.periodsOverview() })
    }

    /// `{"through": "2025-12-31"}`: the last day closed, before today.
    struct Closing: Decodable {
        var through: String
    }

    /// 201 (`Location: /v1/periods`) with the day closed through and the entries validated; 200
    /// with `newly_closed` false when the books were already closed through that day (nothing
    /// changed: a retry is harmless). An earlier day than the books' close is refused (409, FL018).
    @Sendable func close(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(Closing.self, context: context)
        let through = try APIInput.date(body.through, field: "through")
        let closure = try await service.record(request, context, kind: "period_close") { store, _ in
            try store.closePeriod(through: through)
        }
        return closure.newlyClosed ? try .json(closure, status: .created, location: "/v1/periods") : try .json(closure)
    }
}
