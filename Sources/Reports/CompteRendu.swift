import Ledger
import Postgres

/// The *compte rendu financier* a collectivité is owed for an earmarked subsidy, in the spirit of
/// Cerfa n° 15059: what it paid to one fund (in the year and since the fund opened), what the fund
/// paid out in the year by project and milestone, the collectivité's share of each payment, and
/// what of its money remains to be used.
///
/// **The share rule.** A payment of the fund on day *t* is attributed to each donor in proportion
/// to what that donor had paid to the fund up to *t* (included) over what all donors had paid up to
/// *t*: share = payment × donor's receipts / fund's receipts. Amounts are integer cents: each share
/// is first rounded down to the cent, then the cents left over are given one by one to the donors
/// with the largest remainders (ties: the donor recorded first). The shares of one payment thus add
/// up exactly to the payment, and none exceeds it (`ProRataShare`).
///
/// **As of the year's end.** The compte rendu reads the ledger as it stood on 31 December of the
/// year: a contribution or a payment reversed by an entry dated on or before that day counts for
/// nothing (the payment is still listed, marked cancelled, with no share); a reversal dated later
/// is not known yet. Payments of earlier years count in what was already used.
///
/// Remaining to be used = paid since opening − the donor's shares of every payment up to the year's end.
/// The rule can attribute to a donor more than it paid when later gifts arrive after earlier payments;
/// the remainder is then negative and printed as is (never hidden).
public struct CompteRendu: Sendable, Equatable {
    /// One payment of the fund to a partner in the year.
    public struct Payment: Sendable, Equatable {
        /// The disbursement's number.
        public var id: Int64
        public var paidOn: CalendarDate
        public var partner: String
        public var project: String
        /// Nil: a payment for the project, not tied to a milestone.
        public var milestone: String?
        public var amount: Money
        /// Reversed by an entry dated on or before the year's end: no share.
        public var reversed: Bool
        /// What the donor and all donors had paid to the fund up to the payment's day.
        public var donorReceipts: Money
        public var fundReceipts: Money
        /// The donor's share of the payment (zero when reversed).
        public var share: Money
    }

    /// The rule as printed in every format, so the reader can check each figure.
    public static let shareRule = """
        Quote-part de chaque paiement = montant du paiement × (vos versements au fonds jusqu’à la date du paiement \
        ÷ versements de toutes les collectivités au fonds jusqu’à cette date). Arrondi au centime inférieur\u{202F}; \
        les centimes restants sont attribués un à un aux plus forts restes (à égalité, à la collectivité \
        enregistrée la première), si bien que les quotes-parts d’un paiement font exactement son montant. \
        Versements et paiements annulés au plus tard le 31 décembre de l’exercice ne comptent pas.
        """

    public var donor: String
    public var donorKind: Donor.Kind
    public var fundCode: String
    public var fundName: String
    public var fundOpenedOn: CalendarDate
    public var year: Int
    /// The donor's contributions received in the year, not reversed by its end.
    public var paidInYear: Money
    /// The donor's contributions received from the fund's opening to the year's end.
    public var paidSinceOpening: Money
    /// The donor's shares of the (not reversed) payments made before the year.
    public var usedBeforeYear: Money
    /// The fund's payments in the year, by date.
    public var payments: [Payment]

    /// 31 December of the year: the day the compte rendu reads the ledger at.
    public var yearEnd: CalendarDate { CalendarDate(year: year, month: 12, day: 31)! }

    /// The fund's payments in the year, not reversed.
    public var paidOutInYear: Money { payments.filter { !$0.reversed }.reduce(.zero) { $0 + $1.amount } }

    /// The donor's shares of the year's payments.
    public var usedInYear: Money { payments.reduce(.zero) { $0 + $1.share } }

    /// Paid since opening − every share up to the year's end.
    public var remaining: Money { paidSinceOpening - usedBeforeYear - usedInYear }

    /// The payments grouped by project, in order of first payment, each with its share total.
    public var byProject: [(project: String, partner: String, payments: [Payment])] {
        var order: [String] = []
        var groups: [String: (project: String, partner: String, payments: [Payment])] = [:]
        for payment in payments {
            let key = payment.partner + "\u{0}" + payment.project
            if groups[key] == nil {
                order.append(key)
                groups[key] = (payment.project, payment.partner, [])
            }
            groups[key]!.payments.append(payment)
        }
        return order.map { groups[$0]! }
    }

    /// "Compte rendu financier 2026 — Rennes — Fonds Gaza".
    public var title: String { "Compte rendu financier \(year) — \(donor) — \(fundName)" }
}
