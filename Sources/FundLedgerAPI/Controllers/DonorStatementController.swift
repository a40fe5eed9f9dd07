import Hummingbird
import Ledger
import Reports

/// `GET /v1/donors/{id}/statement?year=2026`: what a collectivité pledged and gave, by fund,
/// and what the funds achieved, as `fundledger statement` prints it (`DonorStatementQuery`),
/// in JSON, Markdown, HTML or CSV by `Accept`. Any token reads it.
struct DonorStatementController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get(":id/statement", use: show)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat()
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id > 0 else {
            throw Problem.badRequest("id doit être le numéro d'une collectivité donatrice (un entier positif).", field: "id")
        }
        let year = try request.queryInteger("year", in: 1900...9999)
        let body = try await service.read { reader -> String in
            let statement = try DonorStatementQuery(connection: reader.connection).statement(donorID: id, year: year)
            return switch format {
            case .json: DonorStatementRenderer.render(statement, as: .json)
            case .markdown: DonorStatementRenderer.render(statement, as: .markdown)
            case .html: DonorStatementHTML.render(statement)
            case .csv, .plain: DonorStatementRenderer.render(statement, as: .csv)
            }
        }
        return .report(body, as: format)
    }
}
