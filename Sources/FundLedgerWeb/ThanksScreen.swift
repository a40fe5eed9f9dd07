import Hummingbird
import Ledger
import Postgres
import Reports

/// A fund's thanks paragraph for the newsletter (`ThanksParagraph`, with the order, bold and
/// sentence the fund keeps: `fundledger fund set-thanks`): those who gave, or with
/// `?promesses=1` those who pledged. Shown as it will read (HTML, names in bold when the fund
/// asks), with its HTML and Markdown in read-only boxes to copy by hand, and a copy button
/// (/app/copy.js, a few lines) that copies the paragraph with its bold; without JavaScript the
/// button stays hidden and the page works the same. Every reader sees it.
struct ThanksScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates

    private struct Loaded: Sendable {
        var fund: Fund
        var names: [String]
        var html: String?
        var markdown: String?
        var refusal: String?
    }

    func show(code: String, pledgers: Bool, signedIn: SignedIn) async throws -> Response {
        let thanked: Thanked = pledgers ? .pledgers : .contributors
        guard let loaded: Loaded = try await service.readFund({ reader in
            let fund = try reader.fund(code: code)
            let settings = try reader.fundThanks(fund: fund.code, thanked: thanked)
            let names = pledgers ? try reader.pledgers(fund: fund.code, from: nil, to: nil, order: settings.order)
                : try reader.contributors(fund: fund.code, from: nil, to: nil, order: settings.order)
            do {
                func render(_ format: ThanksFormat) throws -> String? {
                    try ThanksParagraph.render(names: names, thanked: thanked, template: settings.template,
                                               audience: fund.audience, format: format, bold: settings.bold)
                }
                return Loaded(fund: fund, names: names, html: try render(.html), markdown: try render(.markdown))
            } catch let error as ReportError {
                return Loaded(fund: fund, names: names, refusal: error.description)
            }
        }) else {
            return WebPage.noSuchFund.response(templates, signedIn: signedIn)
        }
        var values: [String: Any] = [
            "code": loaded.fund.code, "name": loaded.fund.name, "pledgers": pledgers, "count": loaded.names.count,
            "thanked": pledgers ? "les collectivités qui ont promis" : "les collectivités qui ont donné",
        ]
        if let html = loaded.html, let markdown = loaded.markdown {
            // `html` is escaped by ThanksParagraph (names, audience, the template's words).
            values["html"] = html
            values["htmlSource"] = "<p>\(html)</p>"
            values["markdown"] = markdown
        } else if let refusal = loaded.refusal {
            values["message"] = "Le modèle de remerciements du fonds est inutilisable : \(refusal)"
        } else {
            values["nobody"] = true
        }
        return WebPage(template: "thanks", title: "Remerciements · fonds \(loaded.fund.code)", values: values)
            .response(templates, signedIn: signedIn)
    }
}
