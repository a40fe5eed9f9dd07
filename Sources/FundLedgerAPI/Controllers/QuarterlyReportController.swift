import Hummingbird
import Ledger
import Reports

/// `GET /v1/reports/quarterly?quarter=2026-Q1&fund=GAZA[&detail=true]`: the quarterly report of
/// one fund or all funds, as `fundledger report quarterly` writes it (`QuarterlyReportQuery` and
/// its renderers), in JSON, Markdown, HTML or CSV by `Accept`: Markdown and HTML the newsletter's
/// report, or the internal sheet with `detail`. Any token reads it.
struct QuarterlyReportController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get("quarterly", use: show)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat()
        guard let text = request.queryText("quarter") else {
            throw Problem.badRequest("Paramètre quarter obligatoire : un trimestre AAAA-Tn, par exemple 2026-Q1.", field: "quarter")
        }
        guard let quarter = Quarter(parsing: text) else {
            throw Problem.badRequest("quarter : « \(text) » n'est pas un trimestre ; attendu AAAA-Qn avec n de 1 à 4, par exemple 2026-Q1.",
                                     field: "quarter")
        }
        let fund = request.queryText("fund")
        let detail = try request.queryBool("detail") ?? false
        // Rendered on the pool's thread too: the HTML and its chart are not free.
        let body = try await renamingFields(["code": "fund"]) {
            try await service.read { reader -> String in
                let report = try QuarterlyReportQuery(connection: reader.connection).report(quarter: quarter, fund: fund)
                return switch format {
                case .json: QuarterlyReportJSON.render(report)
                case .markdown: detail ? QuarterlyReportMarkdown.render(report) : QuarterlyNewsletterMarkdown.render(report)
                case .html: detail ? QuarterlyReportHTML.render(report) : QuarterlyNewsletterHTML.render(report)
                case .csv, .plain: QuarterlyReportCSV.render(report)
                }
            }
        }
        return .report(body, as: format)
    }
}
