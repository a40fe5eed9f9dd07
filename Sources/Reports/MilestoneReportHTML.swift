import Ledger

/// The milestone report as one printable HTML page: per fund a section, per project a heading,
/// its partner, its figures (budget, tranches planned, paid, remaining) and its milestones
/// beneath, the same as the Markdown; every text escaped (`HTMLText`).
public enum MilestoneReportHTML {
    public static func render(_ report: MilestoneReport) -> String {
        var body = ""
        if report.funds.isEmpty { body += HTMLPage.paragraph("Aucun projet.") }
        for section in report.funds {
            body += "<section>\n<h2>\(HTMLText.escape("\(section.code) — \(section.name)"))</h2>\n"
            if section.projects.isEmpty { body += HTMLPage.paragraph("Aucun projet.") }
            for project in section.projects {
                body += "<h3>\(HTMLText.escape(MilestoneReportText.projectHeading(project)))</h3>\n"
                body += HTMLPage.paragraph(MilestoneReportText.partnerLine(project))
                body += HTMLText.table(MilestoneReport.figuresTable(project))
                body += project.milestones.isEmpty
                    ? HTMLPage.paragraph("Aucune étape.") : HTMLText.table(MilestoneReport.milestonesTable(project))
                let flags = project.milestones.flatMap(\.flags)
                if !flags.isEmpty {
                    body += "<ul class=\"flags\">\n" + flags.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
                }
            }
            body += "</section>\n"
        }
        return HTMLPage.render(title: "Projets et étapes au \(FrenchText.date(report.asOf))",
                               subtitle: report.fundFilter.map { "Fonds \($0)" } ?? "Tous les fonds", body: body)
    }
}
