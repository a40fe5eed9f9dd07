import Ledger

/// A donor's statement as one printable HTML page: the same sections as the Markdown letter
/// (`DonorStatementRenderer`), every text escaped (`HTMLText`). Its lines leave out the journal's
/// entry numbers (the finance staff's, in CSV and JSON) and give the number with the nature
/// ("versement n° 7"), so that the page fits a 600 px mail column and A4 (Tests/Browser).
public enum DonorStatementHTML {
    /// The statement's lines as the letter shows them.
    static func linesTable(_ statement: DonorStatement) -> Table {
        var table = Table(columns: [
            .init("fund", "Fonds"), .init("date", "Date"), .init("kind", "Nature"), .init("reference", "Référence"),
            .init("amount", "Montant", alignment: .right), .init("outstanding", "Reste attendu", alignment: .right),
            .init("state", "État"),
        ])
        for line in statement.lines {
            table.append([.text(line.fund), .date(line.date), .text("\(line.kind.french) n°\u{00A0}\(line.id)"),
                          .text(line.reference), .money(line.amount), .money(line.outstanding), .text(line.frenchState)])
        }
        return table
    }

    public static func render(_ statement: DonorStatement) -> String {
        let received = statement.funds.reduce(Money.zero) { $0 + $1.received }
        let outstanding = statement.funds.reduce(Money.zero) { $0 + $1.outstanding }
        var body = HTMLPage.paragraph("Versé \(statement.period) : \(received.french). Reste attendu à ce jour sur vos promesses : \(outstanding.french).")
        body += "<section>\n<h2>Par fonds</h2>\n"
        body += statement.funds.isEmpty ? HTMLPage.paragraph("Aucune promesse ni aucun versement.")
            : HTMLText.table(DonorStatementRenderer.fundsTable(statement))
        body += "</section>\n<section>\n<h2>Vos promesses et versements</h2>\n"
        body += statement.lines.isEmpty ? HTMLPage.paragraph("Aucun.") : HTMLText.table(linesTable(statement))
        body += "</section>\n<section>\n<h2>Ce que les fonds que vous soutenez ont permis</h2>\n"
        body += statement.achievements.isEmpty ? HTMLPage.paragraph("Aucune étape atteinte sur la période.")
            : HTMLText.table(DonorStatementRenderer.achievementsTable(statement))
        body += "</section>\n"
        return HTMLPage.render(title: "Relevé de \(statement.donor) — \(statement.period)", body: body)
    }
}
