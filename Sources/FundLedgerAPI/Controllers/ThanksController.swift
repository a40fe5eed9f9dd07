import Hummingbird
import Ledger
import Postgres
import Reports

/// `GET /v1/funds/{code}/thanks`: the newsletter's thanks paragraph, as `fundledger thanks`
/// prints it (`ThanksParagraph`): those who gave, or with `pledged=true` those who confirmed
/// they intend to give; `from`/`to` restrict to a period. Any token reads it.
struct ThanksController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get(":code/thanks", use: show)
    }

    /// The JSON answer: the paragraph and the names it thanks, in its order.
    struct Thanks: Encodable, Sendable {
        var fund: String
        /// `contributors` or `pledgers`.
        var thanked: String
        var from: CalendarDate?
        var to: CalendarDate?
        var names: [String]
        var paragraph: String
    }

    static let formats: [ReportFormat] = [.json, .markdown, .html, .csv, .plain]

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat(offering: Self.formats)
        let code = try context.parameters.require("code")
        let pledged = try request.queryBool("pledged") ?? false
        let from = try request.queryDate("from")
        let to = try request.queryDate("to")
        if let from, let to, to < from {
            throw Problem.invalid("to (\(to.iso)) précède from (\(from.iso)).", field: "to")
        }
        let thanks = try await renamingFields(["code": "code"]) {
            try await service.read { reader -> Thanks? in
                let fund = try reader.fund(code: code)
                let names = pledged ? try reader.pledgers(fund: fund.code, from: from, to: to)
                    : try reader.contributors(fund: fund.code, from: from, to: to)
                let paragraph = pledged ? ThanksParagraph.pledgers(names)
                    : ThanksParagraph.contributors(names, audience: fund.audience)
                return paragraph.map {
                    Thanks(fund: fund.code, thanked: pledged ? "pledgers" : "contributors", from: from, to: to,
                           names: names, paragraph: $0)
                }
            }
        }
        guard let thanks else {
            let period = from == nil && to == nil ? "" : " sur cette période"
            throw Problem(status: .notFound, slug: "nobody-to-thank", title: "Personne à remercier",
                          detail: "Le fonds \(code) n'a aucune \(pledged ? "promesse" : "contribution")\(period) : personne à remercier.")
        }
        switch format {
        case .json:
            var response = try Response.json(thanks)
            response.headers[.vary] = "Accept"
            return response
        case .markdown, .plain:
            return .report(thanks.paragraph + "\n", as: format)
        case .html:
            return .report(HTMLPage.render(title: "Remerciements — fonds \(thanks.fund)",
                                           body: HTMLPage.paragraph(thanks.paragraph, class: "thanks")), as: format)
        case .csv:
            var table = Table(columns: [.init("name", "Collectivité")])
            for name in thanks.names { table.append([.text(name)]) }
            return .report(TableRenderer.csv(table), as: format)
        }
    }
}
