import Ledger

/// A `CompteRendu` as one self-contained XHTML page printed on A4 (`@page { size: A4 }`, margins
/// a letter needs, no script, no external asset). Every text from the database is escaped
/// (`HTMLText`), names included.
public enum CompteRenduHTML {
    /// Sized for A4 portrait: six columns of amounts fit the 170 mm between the margins at 9.5 pt,
    /// and a 600 px mail column at 9 pt; headings wrap, amounts never do (Tests/Browser checks both).
    static let style = """
        @page { size: A4; margin: 20mm 20mm 22mm 20mm; }
        body { font-family: "Helvetica Neue", Arial, sans-serif; color: #222; margin: 2em auto; max-width: 170mm; padding: 0 1em; font-size: 10pt; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; }
        h2 { font-size: 1.2em; border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 1.4em; }
        h3 { font-size: 1.05em; }
        .period, .rule { color: #444; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 0.95em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.4em; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        th.num { white-space: normal; }
        tbody tr:last-child td { font-weight: bold; }
        @media screen and (max-width: 640px) {
            body { font-size: 9pt; padding: 0 0.5em; }
            th, td { padding: 0.2em 0.25em; }
        }
        @media print {
            body { margin: 0; max-width: none; }
            table, section { page-break-inside: avoid; break-inside: avoid; }
            h2, h3 { page-break-after: avoid; break-after: avoid; }
        }
        """

    public static func render(_ report: CompteRendu) -> String {
        var body = "<p class=\"period\">\(HTMLText.escape(CompteRenduTables.period(report)))</p>\n"
        body += "<section>\n<h2>Synthèse</h2>\n" + HTMLText.table(CompteRenduTables.summary(report)) + "</section>\n"
        body += "<h2>\(HTMLText.escape("Paiements du fonds en \(report.year), par projet"))</h2>\n"
        if report.payments.isEmpty {
            body += "<p>\(HTMLText.escape(CompteRenduTables.noPayment(report)))</p>\n"
        }
        for group in report.byProject {
            body += "<section>\n<h3>\(HTMLText.escape("\(group.project) — \(group.partner)"))</h3>\n"
            body += HTMLText.table(CompteRenduTables.payments(group.payments)) + "</section>\n"
        }
        body += "<h2>Règle de calcul</h2>\n<p class=\"rule\">\(HTMLText.escape(CompteRendu.shareRule))</p>\n"
        return HTMLPage.head(title: report.title, style: style) + "<h1>\(HTMLText.escape(report.title))</h1>\n"
            + body + "</body>\n</html>\n"
    }
}
