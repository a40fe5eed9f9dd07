import Ledger

/// A `CompteRendu` as Markdown: a heading, the summary, the payments by project, the share rule.
/// Cells go through `TableRenderer.markdown`, which escapes `|` and keeps each cell on one line.
public enum CompteRenduMarkdown {
    public static func render(_ report: CompteRendu) -> String {
        var out = "# \(oneLine(report.title))\n\n"
        out += CompteRenduTables.period(report) + "\n\n"
        out += "## Synthèse\n\n" + TableRenderer.markdown(CompteRenduTables.summary(report)) + "\n"
        out += "## Paiements du fonds en \(report.year), par projet\n\n"
        if report.payments.isEmpty {
            out += CompteRenduTables.noPayment(report) + "\n\n"
        }
        for group in report.byProject {
            out += "### \(oneLine(group.project)) — \(oneLine(group.partner))\n\n"
            out += TableRenderer.markdown(CompteRenduTables.payments(group.payments)) + "\n"
        }
        out += "## Règle de calcul\n\n" + CompteRendu.shareRule + "\n"
        return out
    }

    /// A heading is one line: a name holding a newline would end it early.
    static func oneLine(_ text: String) -> String {
        TableRenderer.markdownCell(text)
    }
}
