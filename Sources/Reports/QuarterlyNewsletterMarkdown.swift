import Ledger

/// The newsletter report (`QuarterlyNewsletterHTML`) in Markdown, for the newsletter's editor:
/// the same words, narrative, figures, thanks and next milestones, one section per fund.
/// The internal sheet is `QuarterlyReportMarkdown` (`--detail`).
public enum QuarterlyNewsletterMarkdown {
    public static func render(_ report: QuarterlyReport) -> String {
        let q = report.quarter
        var out = ""
        if let name = report.organisation.name { out += "*\(escape(FrenchTypography.apply(name)))*\n\n" }
        out += "# \(FrenchTypography.apply("Fonds de solidarité — \(q.french)"))\n\n"
        out += "Du \(FrenchText.date(q.start)) au \(FrenchText.date(q.end)).\n\n"
        for fund in report.funds {
            let f = fund.figures, since = fund.sinceOpening
            out += "## \(escape(FrenchTypography.apply(fund.name)))\n\n"
            for paragraph in QuarterlyNarrative.paragraphs(for: fund, in: report) { out += escape(paragraph) + "\n\n" }
            out += "| En euros | Ce trimestre | Depuis l’ouverture |\n|---|--:|--:|\n"
            out += "| Reçu | \(f.received.newsletter) | \(since.received.newsletter) |\n"
            out += "| Versé aux partenaires | \(f.disbursed.newsletter) | \(since.disbursed.newsletter) |\n"
            for line in fund.settlementRows {
                out += "| \(FrenchTypography.apply(line.label)) | \(line.quarter.newsletter) | \(line.sinceOpening.newsletter) |\n"
            }
            out += "\n"
            out += "| Au \(FrenchText.date(q.end)) | |\n|---|--:|\n"
            out += "| Disponible | \(f.closing.newsletter) |\n"
            out += "| Engagé non versé | \(fund.committedNotPaid.newsletter) |\n"
            out += "| Libre d’engagement | \(fund.freeToCommit.newsletter) |\n"
            if f.outstandingAtEnd != .zero { out += "| Promesses en attente | \(f.outstandingAtEnd.newsletter) |\n" }
            if fund.intentions != .zero { out += "| Intentions annoncées, non votées | \(fund.intentions.newsletter) |\n" }
            out += "\n"
            if let thanks = fund.thanks(format: .markdown) { out += thanks + "\n\n" }
            let coming = report.dueNextQuarter.filter { $0.fund == fund.code }
            if !coming.isEmpty {
                out += "### \(FrenchTypography.apply("À venir au \(q.next.french)"))\n\n"
                for line in coming {
                    out += "- " + escape(FrenchTypography.apply("\(line.project) : \(line.title) (\(line.partner), échéance le \(FrenchText.date(line.dueOn)))")) + "\n"
                }
                out += "\n"
            }
        }
        out += "---\n\n" + escape(FrenchTypography.apply(QuarterlyNewsletterHTML.footnote(report))) + "\n"
        return out
    }

    /// Data is text, not Markdown: the characters Markdown reads as markup are escaped.
    static func escape(_ text: String) -> String {
        String(text.flatMap { "\\`*_[]<>#|".contains($0) ? "\\\($0)" : "\($0)" })
    }
}
