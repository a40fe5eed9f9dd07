import Ledger

/// The quarterly report as communications send it and the board reads it: one page in the words
/// of a newsletter (fund names, "reçu", "versé aux partenaires", "disponible", "engagé non versé",
/// "libre d'engagement"), each fund's quarter beside its totals since it opened, a short
/// narrative (`QuarterlyNarrative`), the fund's own thanks and what comes next; the organisation's
/// name and logo at the top (`fundledger settings`).
///
/// Made for two places: a 600 px mail column (tables and inline styles only; no SVG, no script;
/// the bars are table cells, `QuarterlyNewsletterChart`) and an A4 page (print styles). The
/// internal sheet — every figure, reversals, late milestones — is `QuarterlyReportHTML`
/// (`--detail`). Every text is escaped; the page is well-formed XML.
public enum QuarterlyNewsletterHTML {
    public static func render(_ report: QuarterlyReport) -> String {
        let q = report.quarter
        let title = "Fonds de solidarité — \(q.french)"
        var out = HTMLPage.head(title: title, style: style) + "<div class=\"page\">\n"
        out += masthead(report.organisation)
        out += "<h1>\(text(title))</h1>\n"
        out += "<p class=\"period\">\(text("Du \(FrenchText.date(q.start)) au \(FrenchText.date(q.end))"))</p>\n"
        for fund in report.funds { out += section(fund, report) }
        out += "<footer>\n<p>\(text(footnote(report)))</p>\n</footer>\n"
        return out + "</div>\n</body>\n</html>\n"
    }

    static func masthead(_ organisation: OrganisationSettings) -> String {
        guard organisation.name != nil || organisation.logo != nil else { return "" }
        var out = "<header class=\"masthead\">"
        if let logo = organisation.logo {
            out += "<img class=\"logo\" src=\"\(HTMLText.escape(logo.dataURI))\" alt=\"\(HTMLText.escape(organisation.name ?? "Logo"))\"/>"
        }
        if let name = organisation.name { out += "<p class=\"organisation\">\(text(name))</p>" }
        return out + "</header>\n"
    }

    static func section(_ fund: QuarterlyReport.FundSection, _ report: QuarterlyReport) -> String {
        let q = report.quarter, f = fund.figures, since = fund.sinceOpening
        var out = "<section class=\"fund\">\n<h2>\(text(fund.name))</h2>\n"
        for paragraph in QuarterlyNarrative.paragraphs(for: fund, in: report) {
            out += "<p>\(html(paragraph))</p>\n"
        }
        out += "<table class=\"figures\">\n<thead><tr><th scope=\"col\">\(text("En euros"))</th>"
            + "<th scope=\"col\" class=\"num\">\(text("Ce trimestre"))</th>"
            + "<th scope=\"col\" class=\"num\">\(text("Depuis l’ouverture"))</th></tr></thead>\n<tbody>\n"
        out += row("Reçu", f.received, since.received)
        out += row("Versé aux partenaires", f.disbursed, since.disbursed)
        for line in fund.settlementRows { out += row(line.label, line.quarter, line.sinceOpening) }
        out += "</tbody>\n</table>\n"
        out += "<table class=\"figures\">\n<thead><tr><th scope=\"col\" colspan=\"2\">\(text("Au \(FrenchText.date(q.end))"))</th></tr></thead>\n<tbody>\n"
        out += row("Disponible", f.closing)
        out += row("Engagé non versé", fund.committedNotPaid)
        out += row("Libre d’engagement", fund.freeToCommit)
        if f.outstandingAtEnd != .zero { out += row("Promesses en attente", f.outstandingAtEnd) }
        if fund.intentions != .zero { out += row("Intentions annoncées, non votées", fund.intentions) }
        out += "</tbody>\n</table>\n"
        out += QuarterlyNewsletterChart.html(report, fund: fund.code)
        if let thanks = fund.thanks(format: .html) { out += "<p class=\"thanks\">\(thanks)</p>\n" }
        let coming = report.dueNextQuarter.filter { $0.fund == fund.code }
        if !coming.isEmpty {
            out += "<h3>\(text("À venir au \(q.next.french)"))</h3>\n<ul class=\"coming\">\n"
            for line in coming {
                out += "<li>\(text("\(line.project) : \(line.title) (\(line.partner), échéance le \(FrenchText.date(line.dueOn)))"))</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    static func row(_ label: String, _ amounts: Money...) -> String {
        "<tr><th scope=\"row\">\(text(label))</th>"
            + amounts.map { "<td class=\"num\">\(text($0.newsletter))</td>" }.joined() + "</tr>\n"
    }

    /// What the words mean, once, at the foot of the page.
    static func footnote(_ report: QuarterlyReport) -> String {
        "Montants nets des annulations. Disponible : ce que le fonds détient en banque au "
            + "\(FrenchText.date(report.quarter.end)). Engagé non versé : ce que le fonds a promis à ses partenaires "
            + "pour leurs projets et ne leur a pas encore versé. Libre d'engagement : disponible moins engagé non versé."
            + (report.organisation.name.map { " \($0)." } ?? "")
    }

    /// Staff's or the database's text, in French typography, escaped, ordinals in superscript.
    static func text(_ plain: String) -> String { html(FrenchTypography.apply(plain)) }

    /// Text already in French typography, escaped, ordinals in superscript.
    static func html(_ typeset: String) -> String {
        FrenchTypography.superscriptOrdinals(inHTML: HTMLText.escape(typeset))
    }

    /// Fits a 600 px mail column and an A4 page. Mail clients that strip `<style>` still get the
    /// tables' widths and the bars' colours, which are inline.
    static let style = """
        body { margin: 0; padding: 0; background: #ffffff; color: #222222; font-family: Arial, Helvetica, sans-serif;
               font-size: 15px; line-height: 1.45; overflow-wrap: break-word; }
        .page { max-width: 600px; margin: 0 auto; padding: 16px; box-sizing: border-box; }
        .masthead { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
        .masthead .logo { max-height: 56px; max-width: 180px; }
        .masthead .organisation { font-weight: bold; margin: 0; }
        h1 { font-size: 22px; line-height: 1.25; margin: 8px 0 2px; }
        h2 { font-size: 18px; color: #1b4f72; border-bottom: 2px solid #1b4f72; padding-bottom: 2px; margin: 28px 0 8px; }
        h3 { font-size: 15px; margin: 14px 0 4px; }
        .period { color: #555555; margin-top: 0; }
        table { border-collapse: collapse; width: 100%; margin: 10px 0; }
        th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid #dddddd; }
        table.figures th[scope="row"] { font-weight: normal; }
        thead th { border-bottom: 2px solid #999999; font-size: 13px; color: #444444; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.bars caption { text-align: left; font-size: 13px; color: #444444; padding-bottom: 4px; }
        table.bars th { width: 64px; font-weight: normal; font-size: 13px; white-space: nowrap; border: 0; padding: 2px 6px 2px 0; }
        table.bars td { border: 0; padding: 2px 0; }
        table.bar { margin: 1px 0; }
        table.bar td { border: 0; padding: 0; height: 12px; }
        table.bar td.fill { font-size: 1px; line-height: 12px; }
        table.bar td.amount { font-size: 12px; padding-left: 6px; white-space: nowrap; }
        .what { color: #666666; }
        .swatch { display: inline-block; width: 10px; height: 10px; margin-left: 8px; }
        .thanks { font-style: italic; }
        ul.coming { padding-left: 20px; }
        footer { color: #555555; font-size: 12px; border-top: 1px solid #cccccc; margin-top: 28px; }
        @page { size: A4; margin: 15mm; }
        @media print {
            * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { font-size: 10.5pt; }
            .page { max-width: none; padding: 0; }
            h2 { break-after: avoid; }
            table, .thanks { break-inside: avoid; }
        }
        """
}
