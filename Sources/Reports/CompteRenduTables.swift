import Ledger

/// The tables every format of the `CompteRendu` prints, built once so that Markdown, HTML and
/// CSV show the same figures under the same French headings.
public enum CompteRenduTables {
    /// The summary: paid, used, remaining, one line each.
    public static func summary(_ report: CompteRendu) -> Table {
        var table = Table(columns: [.init("line", "Rubrique"), .init("amount", "Montant", alignment: .right)])
        let year = report.year
        table.append([.text("Versé par \(report.donor) au fonds en \(year)"), .money(report.paidInYear)])
        table.append([.text("Versé par \(report.donor) depuis l’ouverture du fonds (\(FrenchText.date(report.fundOpenedOn)))"),
                      .money(report.paidSinceOpening)])
        table.append([.text("Paiements du fonds aux partenaires en \(year)"), .money(report.paidOutInYear)])
        table.append([.text("Quote-part de \(report.donor) dans les paiements antérieurs à \(year)"), .money(report.usedBeforeYear)])
        table.append([.text("Quote-part de \(report.donor) dans les paiements de \(year)"), .money(report.usedInYear)])
        table.append([.text("Reste à utiliser au \(FrenchText.date(report.yearEnd))"), .money(report.remaining)])
        return table
    }

    /// The payments of one project: date, milestone, amount, the receipts the share was computed
    /// from, the share; a cancelled payment says so and has no share.
    public static func payments(_ payments: [CompteRendu.Payment]) -> Table {
        var table = Table(columns: [
            .init("paid_on", "Date"), .init("milestone", "Étape"), .init("amount", "Paiement", alignment: .right),
            .init("donor_receipts", "Vos versements à cette date", alignment: .right),
            .init("fund_receipts", "Versements de toutes les collectivités", alignment: .right),
            .init("share", "Votre quote-part", alignment: .right),
        ])
        for payment in payments {
            let milestone = payment.milestone ?? "sans étape"
            table.append([.date(payment.paidOn), .text(payment.reversed ? "\(milestone) (paiement annulé)" : milestone),
                          .money(payment.amount), .money(payment.donorReceipts), .money(payment.fundReceipts),
                          .money(payment.share)])
        }
        let kept = payments.filter { !$0.reversed }
        table.append([.text(nil), .text("Total du projet"), .money(kept.reduce(.zero) { $0 + $1.amount }),
                      .text(nil), .text(nil), .money(payments.reduce(.zero) { $0 + $1.share })])
        return table
    }

    /// "Exercice 2026 (du 1er janvier au 31 décembre 2026). Subvention affectée au fonds Gaza."
    public static func period(_ report: CompteRendu) -> String {
        "Exercice \(report.year), du 1er janvier au 31 décembre \(report.year). Subvention affectée au fonds «\u{00A0}\(report.fundName)\u{00A0}» "
            + "(\(report.fundCode)), dans l’esprit du Cerfa n°\u{00A0}15059."
    }

    /// The sentence under the payments when there are none.
    public static func noPayment(_ report: CompteRendu) -> String {
        "Le fonds n’a fait aucun paiement aux partenaires en \(report.year)."
    }
}
