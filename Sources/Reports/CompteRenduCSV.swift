import Ledger

/// A `CompteRendu` as one CSV table for a spreadsheet: one line per payment of the year, then the
/// summary figures as lines of their own kind, so that one file holds everything and sums by
/// column. Plain amounts (`1234.56`), ISO dates; text cells made inert (`SpreadsheetCell`, through
/// `TableRenderer.csv`), since partner, project and milestone names come from the database.
public enum CompteRenduCSV {
    public static func render(_ report: CompteRendu) -> String {
        var table = Table(columns: [
            .init("line", "Ligne"), .init("donor", "Collectivité"), .init("fund", "Fonds"), .init("year", "Exercice"),
            .init("payment_id", "Paiement"), .init("paid_on", "Date"), .init("partner", "Partenaire"),
            .init("project", "Projet"), .init("milestone", "Étape"), .init("cancelled", "Annulé"),
            .init("amount", "Montant"), .init("donor_receipts", "Versements de la collectivité à cette date"),
            .init("fund_receipts", "Versements de toutes les collectivités à cette date"), .init("share", "Quote-part"),
        ])
        let year = Int64(report.year)
        for p in report.payments {
            table.append([.text("paiement"), .text(report.donor), .text(report.fundCode), .integer(year),
                          .integer(p.id), .date(p.paidOn), .text(p.partner), .text(p.project), .text(p.milestone),
                          .boolean(p.reversed), .money(p.amount), .money(p.donorReceipts), .money(p.fundReceipts),
                          .money(p.share)])
        }
        // The summary, one line each, the figure in `amount` (or `share` for what was used).
        let summary: [(String, Money)] = [
            ("versé dans l’exercice", report.paidInYear), ("versé depuis l’ouverture", report.paidSinceOpening),
            ("paiements du fonds dans l’exercice", report.paidOutInYear),
            ("quote-part des paiements antérieurs", report.usedBeforeYear),
            ("quote-part des paiements de l’exercice", report.usedInYear), ("reste à utiliser", report.remaining),
        ]
        for (label, amount) in summary {
            table.append([.text(label), .text(report.donor), .text(report.fundCode), .integer(year),
                          .integer(nil), .date(nil), .text(nil), .text(nil), .text(nil), .boolean(nil),
                          .money(amount), .money(nil), .money(nil), .money(nil)])
        }
        return TableRenderer.csv(table)
    }
}
