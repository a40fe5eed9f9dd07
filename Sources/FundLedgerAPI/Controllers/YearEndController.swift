import Hummingbird
import Ledger

/// `POST /v1/year-end {"year": 2025}` (admin): the year's last step, as `fundledger year-end
/// --year 2025` — charges à payer and fonds dédiés posted on 31 December, the year's entries
/// validated, the period closed through that day — answering the table of changes in fonds
/// dédiés. A second run changes nothing and says so (`already_closed`).
struct YearEndController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.admin)
            .post(use: close)
    }

    struct Closing: Decodable {
        var year: Int
    }

    /// The years `close_year` takes.
    static let years = 1901...2100

    /// 201 (`Location:` the year's table of fonds dédiés) when the year is closed now; 200 with
    /// `already_closed` true when it was (nothing changed: a retry is harmless).
    @Sendable func close(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(Closing.self, context: context)
        guard Self.years.contains(body.year) else {
            throw Problem.invalid("year doit être une année de \(Self.years.lowerBound) à \(Self.years.upperBound), par exemple 2025.",
                                  field: "year")
        }
        let year = body.year
        let result = try await service.record(request, context, kind: "year_end") { store, _ in
            try store.closeYear(year)
        }
        return result.alreadyClosed
            ? try .json(result)
            : try .json(result, status: .created, location: "/v1/reports/dedicated-funds?year=\(year)")
    }
}
