import Ledger

/// The milestone report for people in a terminal or in Markdown: per fund a heading, per project
/// a header (partner, budget, tranches planned, paid, remaining), its milestones beneath, and the
/// flags (`MilestoneFlags`): tranches owed for milestones achieved, tranches paid ahead.
///
/// The terminal text holds to `maxWidth` characters a line (a page, or a terminal split in two):
/// titles are cut with "…" rather than the figures dropped. The wide one-row-per-milestone
/// listing is for programs (CSV, JSON).
public enum MilestoneReportText {
    /// Wide enough for the figures of a project of several million euros, narrow enough for an A4 page.
    public static let maxWidth = 100

    /// "Projet n° 3 — Eau potable".
    static func projectHeading(_ project: MilestoneReport.ProjectSection) -> String {
        "Projet n° \(project.id) — \(project.title)"
    }

    /// "Partenaire : Super Novae" (no-break space before the colon, as French typography wants).
    static func partnerLine(_ project: MilestoneReport.ProjectSection) -> String {
        "Partenaire\u{00A0}: \(project.partner)"
    }

    public static func render(_ report: MilestoneReport, markdown: Bool) -> String {
        let title = "Projets et étapes au \(FrenchText.date(report.asOf))"
        var out = markdown ? "# \(title)\n\n" : "\(line(title))\n\n"
        if report.funds.isEmpty { out += "Aucun projet.\n" }
        for fund in report.funds {
            let heading = "\(fund.code) — \(fund.name)"
            out += markdown ? "## \(heading)\n\n" : "\(line(heading))\n\(String(repeating: "=", count: line(heading).count))\n\n"
            if fund.projects.isEmpty { out += "Aucun projet.\n\n" }
            for project in fund.projects {
                out += markdown ? markdownProject(project) : textProject(project)
            }
        }
        // For people: French typography (one character for one, so the tables stay aligned).
        return FrenchTypography.apply(out)
    }

    static func textProject(_ project: MilestoneReport.ProjectSection) -> String {
        var out = line(projectHeading(project)) + "\n" + line(partnerLine(project)) + "\n\n"
        out += indented(TableRenderer.text(MilestoneReport.figuresTable(project))) + "\n"
        out += project.milestones.isEmpty
            ? "  Aucune étape.\n\n"
            : indented(TableRenderer.text(MilestoneReport.milestonesTable(project), maxWidth: maxWidth - 2,
                                          shrinking: "milestone")) + "\n"
        let flags = project.milestones.flatMap(\.flags)
        if !flags.isEmpty { out += flags.map { wrapped("⚠ " + $0, indent: "  ", hanging: "    ") }.joined() + "\n" }
        return out
    }

    static func markdownProject(_ project: MilestoneReport.ProjectSection) -> String {
        var out = "### \(projectHeading(project))\n\n\(partnerLine(project))\n\n"
        out += TableRenderer.markdown(MilestoneReport.figuresTable(project)) + "\n"
        out += project.milestones.isEmpty
            ? "Aucune étape.\n\n" : TableRenderer.markdown(MilestoneReport.milestonesTable(project)) + "\n"
        let flags = project.milestones.flatMap(\.flags)
        if !flags.isEmpty { out += flags.map { "- ⚠ " + $0 }.joined(separator: "\n") + "\n\n" }
        return out
    }

    /// A paragraph cut into lines of `maxWidth` at most, between words: the first line after
    /// `indent`, the next ones after `hanging`.
    static func wrapped(_ text: String, indent: String, hanging: String) -> String {
        var lines: [String] = []
        var current = indent
        for word in text.split(separator: " ") {
            let prefix = current == indent || current == hanging ? "" : " "
            if current.count + prefix.count + word.count > maxWidth && current != indent && current != hanging {
                lines.append(current)
                current = hanging + word
            } else {
                current += prefix + word
            }
        }
        lines.append(current)
        return lines.map { $0 + "\n" }.joined()
    }

    /// A free text line (a title, a partner's name) held to `maxWidth`.
    static func line(_ text: String) -> String {
        TableRenderer.truncated(TableRenderer.oneLine(text), to: maxWidth)
    }

    /// Two spaces before each line, so the tables read as belonging to the project above them.
    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}
