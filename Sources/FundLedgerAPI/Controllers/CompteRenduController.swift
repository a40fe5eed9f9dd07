import Hummingbird
import Ledger
import Reports

/// `GET /v1/donors/{id}/compte-rendu?fund=GAZA&year=2026`: the compte rendu financier a
/// collectivité is owed for its earmarked subsidy to one fund for one year, as
/// `fundledger statement --compte-rendu` prints it (`CompteRenduQuery`), in JSON, Markdown,
/// HTML (printable A4) or CSV by `Accept`. Any token reads it.
struct CompteRenduController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get(":id/compte-rendu", use: show)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat()
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id > 0 else {
            throw Problem.badRequest("id doit être le numéro d'une collectivité donatrice (un entier positif).", field: "id")
        }
        guard let fund = request.queryText("fund") else {
            throw Problem.badRequest("Paramètre fund obligatoire : le code du fonds, par exemple GAZA.", field: "fund")
        }
        guard let year = try request.queryInteger("year", in: 1900...9999) else {
            throw Problem.badRequest("Paramètre year obligatoire : l'exercice, par exemple 2026.", field: "year")
        }
        let body = try await renamingFields(["code": "fund"]) {
            try await service.read { reader -> String in
                let report: CompteRendu
                do {
                    report = try CompteRenduQuery(connection: reader.connection).compteRendu(donorID: id, fund: fund, year: year)
                } catch let error as ReportError {
                    // The collectivité paid nothing to the fund by the year's end: nothing to account for.
                    throw Problem(status: .unprocessableContent, slug: "no-compte-rendu", title: "Pas de compte rendu",
                                  detail: error.description, field: "year")
                }
                return switch format {
                case .json: CompteRenduJSON.render(report)
                case .markdown: CompteRenduFormat.markdown.render(report)
                case .html: CompteRenduFormat.html.render(report)
                case .csv, .plain: CompteRenduFormat.csv.render(report)
                }
            }
        }
        return .report(body, as: format)
    }
}
