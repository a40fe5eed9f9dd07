import Ledger
import Postgres

/// The letter a collectivité gets back: each pledge and contribution by fund and date, what it
/// still expects to give, and what the funds it gave to achieved (milestones achieved).
public struct DonorStatement: Sendable {
    public enum LineKind: String, Sendable, PostgresDecodable {
        case pledge, contribution
        /// The collectivité's share of a fund's money given back to its donors.
        case refund

        public var french: String {
            switch self {
            case .pledge: "promesse"
            case .contribution: "versement"
            case .refund: "remboursement"
            }
        }
    }

    public struct Line: Sendable, Equatable {
        public var fund: String
        public var date: CalendarDate
        public var kind: LineKind
        /// The pledge's or contribution's number; a refund's settlement number.
        public var id: Int64
        public var reference: String?
        public var amount: Money
        /// Pledges: still expected today. Contributions: nil.
        public var outstanding: Money?
        /// pledge: open, fulfilled, written_off, cancelled; contribution: received, reversed;
        /// refund: refunded.
        public var state: String
        /// The journal entry and, when reversed or cancelled, the entry that did it.
        public var entryID: Int64
        public var reversedByEntryID: Int64?

        /// The state in French (`FrenchLabels`): "en cours", "soldée", "solde abandonné",
        /// "annulée" for a pledge, "reçu" or "annulé" for a contribution.
        public var frenchState: String {
            if let pledge = PledgeStatus.State(rawValue: state) { return FrenchLabels.pledgeState(pledge) }
            if kind == .refund { return "rendu" }
            return FrenchLabels.contributionState(reversed: state == "reversed")
        }
    }

    public struct FundTotals: Sendable, Equatable {
        public var fund: String
        public var name: String
        /// Pledges of the period, not cancelled.
        public var pledged: Money
        /// Contributions of the period, not reversed.
        public var received: Money
        /// What the collectivité's pledges to the fund still expect today (all periods).
        public var outstanding: Money
        /// Given back to the collectivité in the period, its share of a refund to the donors.
        public var refunded: Money = .zero
    }

    public struct Achievement: Sendable, Equatable {
        public var fund: String
        public var project: String
        public var partner: String
        public var milestone: String
        public var achievedOn: CalendarDate
        public var paid: Money
    }

    public var donor: String
    public var donorKind: Donor.Kind
    /// Nil: every year.
    public var year: Int?
    public var lines: [Line]
    public var funds: [FundTotals]
    public var achievements: [Achievement]

    public var period: String { year.map { "en \($0)" } ?? "depuis l'origine" }
}
