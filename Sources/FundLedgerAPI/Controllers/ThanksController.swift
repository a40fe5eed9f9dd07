import Hummingbird
import Ledger
import Postgres
import Reports

/// `GET /v1/funds/{code}/thanks`: the newsletter's thanks paragraph, as `fundledger thanks`
/// prints it (`ThanksParagraph`): those who gave, or with `pledged=true` those who confirmed
/// they intend to give; `from`/`to` restrict to a period (default: since the fund opened); `order`
/// (`alphabetical`, `first-commitment`) and `bold` default to what the fund keeps
/// (`fundledger fund set-thanks`). Any token reads it.
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
        /// `alphabetical` or `first-commitment`: the order of `names`.
        var order: ThanksOrder
        var names: [String]
        /// As plain text, in French typography.
        var paragraph: String
        /// The Markdown and HTML paragraphs (names in bold when asked); not encoded.
        var markdown: String
        var html: String

        enum CodingKeys: String, CodingKey { case fund, thanked, from, to, order, names, paragraph }
    }

    static let formats: [ReportFormat] = [.json, .markdown, .html, .csv, .plain]

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let format = try request.reportFormat(offering: Self.formats)
        let code = try context.parameters.require("code")
        let pledged = try request.queryBool("pledged") ?? false
        let from = try request.queryDate("from")
        let to = try request.queryDate("to")
        let askedOrder = try request.queryChoice("order", as: ThanksOrder.self)
        let askedBold = try request.queryBool("bold")
        if let from, let to, to < from {
            throw Problem.invalid("to (\(to.iso)) précède from (\(from.iso)).", field: "to")
        }
        let thanked: Thanked = pledged ? .pledgers : .contributors
        let thanks = try await renamingFields(["code": "code"]) {
            try await service.read { reader -> Thanks? in
                let fund = try reader.fund(code: code)
                let settings = try reader.fundThanks(fund: fund.code, thanked: thanked)
                let order = askedOrder ?? settings.order
                let bold = askedBold ?? settings.bold
                let names = pledged ? try reader.pledgers(fund: fund.code, from: from, to: to, order: order)
                    : try reader.contributors(fund: fund.code, from: from, to: to, order: order)
                func render(_ format: ThanksFormat) throws -> String? {
                    do {
                        return try ThanksParagraph.render(names: names, thanked: thanked, template: settings.template,
                                                          audience: fund.audience, format: format, bold: bold)
                    } catch let error as ReportError {
                        throw Problem(status: .unprocessableContent, slug: "thanks-template", title: "Modèle de remerciements inutilisable",
                                      detail: error.description)
                    }
                }
                guard let paragraph = try render(.text), let markdown = try render(.markdown),
                      let html = try render(.html) else { return nil }
                return Thanks(fund: fund.code, thanked: thanked.rawValue, from: from, to: to, order: order,
                              names: names, paragraph: paragraph, markdown: markdown, html: html)
            }
        }
        guard let thanks else {
            let period = from == nil && to == nil ? "" : " sur cette période"
            throw Problem(status: .notFound, slug: "nobody-to-thank", title: "Personne à remercier",
                          detail: "Le fonds \(code) n’a aucune \(pledged ? "promesse" : "contribution")\(period) : personne à remercier.")
        }
        switch format {
        case .json:
            var response = try Response.json(thanks)
            response.headers[.vary] = "Accept"
            return response
        case .markdown:
            return .report(thanks.markdown + "\n", as: format)
        case .plain:
            return .report(thanks.paragraph + "\n", as: format)
        case .html:
            // `thanks.html` is escaped already (names, audience, the template's words).
            return .report(HTMLPage.render(title: "Remerciements — fonds \(thanks.fund)",
                                           body: "<p class=\"thanks\">\(thanks.html)</p>\n"), as: format)
        case .csv:
            var table = Table(columns: [.init("name", "Collectivité")])
            for name in thanks.names { table.append([.text(name)]) }
            return .report(TableRenderer.csv(table), as: format)
        }
    }
}
