import Ledger

/// The milestone report as one printable HTML page: one section and one table per fund, the
/// same rows and French statuses as the Markdown, every text escaped (`HTMLText`).
public enum MilestoneReportHTML {
    public static func render(_ report: MilestoneReport) -> String {
        var body = ""
        if report.funds.isEmpty { body += HTMLPage.paragraph("Aucun projet.") }
        for section in report.funds {
            body += "<section>\n<h2>\(HTMLText.escape("\(section.code) — \(section.name)"))</h2>\n"
            let table = report.peopleTable(fund: section.code)
            body += table.rows.isEmpty ? HTMLPage.paragraph("Aucun projet.") : HTMLText.table(table)
            body += "</section>\n"
        }
        return HTMLPage.render(title: "Projets et étapes au \(FrenchText.date(report.asOf))",
                               subtitle: report.fundFilter.map { "Fonds \($0)" } ?? "Tous les fonds", body: body)
    }
}
