import Foundation
import Hummingbird
import Ledger
import Reports

/// `GET /v1/reports/dedicated-funds?year=2025`: the table of changes in fonds dédiés the notes
/// to the accounts require (règlement ANC 2018-06), per fund, as `fundledger year-end` prints
/// it (`DedicatedFundsTable`), in JSON, Markdown, HTML or CSV by `Accept`. Any token reads it;
/// before the year-end it shows what earlier years left (and `closed` is false).
struct DedicatedFundsReportController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get("dedicated-funds", use: show)
    }

    /// The JSON representation: the year, whether its year-end was run, a line per fund.
    struct Report: Encodable {
        var year: Int
        var closed: Bool
        var dedicatedFunds: [DedicatedFunds]

        enum CodingKeys: String, CodingKey {
            case year, closed, dedicatedFunds = "dedicated_funds"
        }
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat()
        guard let year = try request.queryInteger("year", in: 1900...9999) else {
            throw Problem.badRequest("Paramètre year obligatoire : l'exercice (année civile), par exemple 2025.", field: "year")
        }
        let (lines, closed) = try await service.read { reader in
            (try reader.dedicatedFunds(year: year), try reader.dedicatedFundsClosedYears().contains(year))
        }
        let body = switch format {
        case .json: String(decoding: try JSONEncoder.ledger.encode(Report(year: year, closed: closed, dedicatedFunds: lines)),
                           as: UTF8.self)
        case .markdown: DedicatedFundsTable.render(lines, year: year, as: .markdown)
        case .html: DedicatedFundsTable.html(lines, year: year)
        case .csv, .plain: DedicatedFundsTable.render(lines, year: year, as: .csv)
        }
        return .report(body, as: format)
    }
}
