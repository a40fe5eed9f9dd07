import Hummingbird
import Ledger
import Reports

/// `GET /v1/reports/milestones?fund=GAZA&as_of=2026-03-31`: every project with its
/// milestones as of a day (default today), as `fundledger report milestones` prints it
/// (`MilestoneReportQuery`), in JSON, Markdown, HTML or CSV by `Accept`. Any token reads it.
struct MilestoneReportController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get("milestones", use: show)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat()
        let asOf = try request.queryDate("as_of") ?? DateParser.today()
        let fund = request.queryText("fund")
        let body = try await renamingFields(["code": "fund"]) {
            try await service.read { reader -> String in
                let report = try MilestoneReportQuery(connection: reader.connection).report(asOf: asOf, fund: fund)
                return switch format {
                case .json: report.render(as: .json)
                case .markdown: report.render(as: .markdown)
                case .html: MilestoneReportHTML.render(report)
                case .csv, .plain: report.render(as: .csv)
                }
            }
        }
        return .report(body, as: format)
    }
}
