import Ledger

/// A donor's statement as one printable HTML page: the same sections as the Markdown letter
/// (`DonorStatementRenderer`), every text escaped (`HTMLText`).
public enum DonorStatementHTML {
    public static func render(_ statement: DonorStatement) -> String {
        let received = statement.funds.reduce(Money.zero) { $0 + $1.received }
        let outstanding = statement.funds.reduce(Money.zero) { $0 + $1.outstanding }
        var body = HTMLPage.paragraph("Versé \(statement.period) : \(received.french). Reste attendu à ce jour sur vos promesses : \(outstanding.french).")
        body += "<section>\n<h2>Par fonds</h2>\n"
        body += statement.funds.isEmpty ? HTMLPage.paragraph("Aucune promesse ni aucun versement.")
            : HTMLText.table(DonorStatementRenderer.fundsTable(statement))
        body += "</section>\n<section>\n<h2>Vos promesses et versements</h2>\n"
        body += statement.lines.isEmpty ? HTMLPage.paragraph("Aucun.") : HTMLText.table(DonorStatementRenderer.linesTable(statement))
        body += "</section>\n<section>\n<h2>Ce que les fonds que vous soutenez ont permis</h2>\n"
        body += statement.achievements.isEmpty ? HTMLPage.paragraph("Aucune étape atteinte sur la période.")
            : HTMLText.table(DonorStatementRenderer.achievementsTable(statement))
        body += "</section>\n"
        return HTMLPage.render(title: "Relevé de \(statement.donor) — \(statement.period)", body: body)
    }
}
