import Ledger
import Postgres

/// What a fund (or all funds) did in one quarter: the report the association publishes and the
/// newsletter's "fonds de solidarité" news is written from.
///
/// Money figures come from the per-account, per-day totals and the cached balances (see
/// `QuarterlyReportQuery`). Reversals are never netted away silently: each figure keeps what
/// was recorded and what was reversed in the quarter apart, and `reversals` lists both entries.
public struct QuarterlyReport: Sendable {
    /// A fund's money in the quarter. Net figures are recorded − reversed.
    public struct Figures: Sendable, Equatable {
        /// Bank (512) balance at the start of the quarter's first day.
        public var opening: Money = .zero
        /// Contributions dated in the quarter, and reversals of contributions dated in it.
        public var receivedRecorded: Money = .zero
        public var receivedReversed: Money = .zero
        /// Tranches paid in the quarter, and reversals of tranches dated in it.
        public var disbursedRecorded: Money = .zero
        public var disbursedReversed: Money = .zero
        /// Pledges voted in the quarter, and pledges cancelled (reversed) in it.
        public var pledgedRecorded: Money = .zero
        public var pledgesCancelled: Money = .zero
        /// Pledge remainders written off in the quarter, less write-offs reversed in it.
        public var writtenOffRecorded: Money = .zero
        public var writeOffsReversed: Money = .zero
        /// Settling a fund (never reversed): money given to other funds' purposes with the
        /// donors' agreement, received from other funds that way, given back to the donors.
        public var reallocatedOut: Money = .zero
        public var reallocatedIn: Money = .zero
        public var refunded: Money = .zero
        /// Receivables (441) still expected at the end of the quarter's last day.
        public var outstandingAtEnd: Money = .zero
        /// Bank balance at the end of the quarter, read from the aggregates themselves.
        public var closing: Money = .zero
        /// Collectivités that gave in the quarter (contributions not reversed), and how many of
        /// them gave for the first time (to this fund; for all funds, to any fund).
        public var donors: Int = 0
        public var newDonors: Int = 0

        public init() {}

        public var received: Money { receivedRecorded - receivedReversed }
        public var disbursed: Money { disbursedRecorded - disbursedReversed }
        public var pledged: Money { pledgedRecorded - pledgesCancelled }
        public var writtenOff: Money { writtenOffRecorded - writeOffsReversed }
        /// opening + received − disbursed, + reallocated in − reallocated out − refunded: what the
        /// closing balance must be, to the cent.
        public var expectedClosing: Money { opening + received - disbursed + reallocatedIn - reallocatedOut - refunded }
        /// Whether the quarter moved money between funds or back to donors (then the reports say so).
        public var hasSettlements: Bool { reallocatedOut != .zero || reallocatedIn != .zero || refunded != .zero }

        /// Money figures added (donor counts are not additive: set them apart).
        static func + (lhs: Figures, rhs: Figures) -> Figures {
            var sum = Figures()
            sum.opening = lhs.opening + rhs.opening
            sum.receivedRecorded = lhs.receivedRecorded + rhs.receivedRecorded
            sum.receivedReversed = lhs.receivedReversed + rhs.receivedReversed
            sum.disbursedRecorded = lhs.disbursedRecorded + rhs.disbursedRecorded
            sum.disbursedReversed = lhs.disbursedReversed + rhs.disbursedReversed
            sum.pledgedRecorded = lhs.pledgedRecorded + rhs.pledgedRecorded
            sum.pledgesCancelled = lhs.pledgesCancelled + rhs.pledgesCancelled
            sum.writtenOffRecorded = lhs.writtenOffRecorded + rhs.writtenOffRecorded
            sum.writeOffsReversed = lhs.writeOffsReversed + rhs.writeOffsReversed
            sum.reallocatedOut = lhs.reallocatedOut + rhs.reallocatedOut
            sum.reallocatedIn = lhs.reallocatedIn + rhs.reallocatedIn
            sum.refunded = lhs.refunded + rhs.refunded
            sum.outstandingAtEnd = lhs.outstandingAtEnd + rhs.outstandingAtEnd
            sum.closing = lhs.closing + rhs.closing
            return sum
        }
    }

    /// A fund's totals from the day it opened to the quarter's last day, net of reversals: what
    /// the board reads beside the quarter's figures.
    public struct SinceOpening: Sendable, Equatable {
        public var received: Money = .zero
        public var disbursed: Money = .zero
        /// Settling the fund: to or from other funds, back to the donors.
        public var reallocatedOut: Money = .zero
        public var reallocatedIn: Money = .zero
        public var refunded: Money = .zero
        /// Collectivités that gave at least once (a contribution not reversed): those the thanks name.
        public var donors: Int = 0

        public init() {}
    }

    /// Money that left a fund to settle it, or came from a fund settled, in the quarter.
    public struct SettlementLine: Sendable, Equatable {
        public enum Kind: String, Sendable { case reallocatedOut, reallocatedIn, refund }
        public var kind: Kind
        public var amount: Money
        public var on: CalendarDate
        /// The donors' agreement (a reallocation) or the decision (a refund).
        public var reference: String
        public var agreedOn: CalendarDate
        /// The other fund's name, for a reallocation.
        public var counterpart: String?
        /// How many collectivités a refund went to.
        public var donors: Int
    }

    /// A project of a fund as the board sees it at the quarter's end: what the fund committed to
    /// it, what was paid, and the words the narrative prints.
    public struct ProjectLine: Sendable, Equatable {
        public var fund: String
        public var id: Int64
        public var title: String
        public var partner: String
        /// What the project does, and whom it reaches (`fundledger project describe`).
        public var description: String?
        public var beneficiaries: String?
        /// The fund's commitment to the partner: the project's budget, else its tranches planned
        /// (the milestone report's rule).
        public var commitment: Money
        /// Paid by the quarter's last day, net of reversals.
        public var paid: Money

        /// Committed and not yet paid; never below zero (a project paid beyond its commitment
        /// commits nothing more).
        public var committedNotPaid: Money { max(commitment - paid, .zero) }
    }

    public struct FundSection: Sendable {
        public var code: String
        public var name: String
        public var status: Fund.Status
        public var openedOn: CalendarDate
        public var audience: String?
        public var figures: Figures
        public var sinceOpening = SinceOpening()
        public var projects: [ProjectLine] = []
        /// Those the newsletter thanks: every collectivité that gave since the fund opened, up to
        /// the quarter's last day (the newsletter of the period thanks them all, not only the
        /// quarter's), in the order and the sentence the fund keeps (`fund set-thanks`).
        public var thanksNames: [String] = []
        public var thanksSettings: FundThanks?
        /// When nobody gave yet: the collectivités that pledged, up to the quarter's last day,
        /// thanked in the fund's pledgers sentence (the newsletter's Vietnam thanks).
        public var pledgerNames: [String] = []
        public var pledgersSettings: FundThanks?
        /// Intentions to give announced by the quarter's end and not voted by then: how many
        /// collectivités, how much. Not receivables: no entry until the vote.
        public var intentionDonors: Int = 0
        public var intentions: Money = .zero
        /// Reallocations and refunds dated in the quarter.
        public var settlements: [SettlementLine] = []

        /// The three settlement figures, with their words: in the quarter and since opening.
        public var settlementFigures: [(kind: SettlementLine.Kind, label: String, quarter: Money, sinceOpening: Money)] {
            [(.reallocatedIn, "Reçu d’autres fonds (réaffectation)", figures.reallocatedIn, sinceOpening.reallocatedIn),
             (.reallocatedOut, "Réaffecté à d’autres fonds", figures.reallocatedOut, sinceOpening.reallocatedOut),
             (.refund, "Rendu aux donateurs", figures.refunded, sinceOpening.refunded)]
        }

        /// The newsletter's settlement rows: those not zero since opening.
        public var settlementRows: [(label: String, quarter: Money, sinceOpening: Money)] {
            settlementFigures.filter { $0.sinceOpening != .zero }.map { ($0.label, $0.quarter, $0.sinceOpening) }
        }

        /// Money the fund has promised partners and not yet paid them, at the quarter's end.
        public var committedNotPaid: Money { projects.reduce(.zero) { $0 + $1.committedNotPaid } }
        /// In the bank and not promised to any project: what the fund can still commit (negative
        /// when it has promised more than it holds, and waits on pledges or gifts to pay it).
        public var freeToCommit: Money { figures.closing - committedNotPaid }

        /// The thanks paragraph in `format`, exactly as `fundledger thanks --fund F --until <end>`
        /// prints it; nil when nobody gave. Bold as the fund keeps it when `bold` is nil.
        /// Those who pledged are thanked only when nobody gave yet.
        public func thanks(format: ThanksFormat = .text, bold: Bool? = nil) -> String? {
            let (names, thanked, settings) = thanksNames.isEmpty && !pledgerNames.isEmpty
                ? (pledgerNames, Thanked.pledgers, pledgersSettings) : (thanksNames, .contributors, thanksSettings)
            return try? ThanksParagraph.render(names: names, thanked: thanked, template: settings?.template,
                                               audience: audience, format: format,
                                               bold: bold ?? settings?.bold ?? false)
        }

        /// The chart's label under the fund's bars (`QuarterlyReport.shortName(of:)`).
        public var shortName: String { QuarterlyReport.shortName(of: name) }

        /// The thanks paragraph as plain text.
        public var thanks: String? { thanks() }
    }

    /// A milestone seen at the end of the quarter.
    public struct MilestoneLine: Sendable, Equatable {
        /// What the fund owes the partner for it at `day`'s close: achieved by then with its
        /// tranche not all paid (nil otherwise).
        public func owed(atCloseOf day: CalendarDate) -> Money? {
            MilestoneFlags.owed(tranche: tranche, paid: paid, achieved: achieved(by: day))
        }

        /// Something paid for it while not achieved at `day`'s close.
        public func paidEarly(atCloseOf day: CalendarDate) -> Bool {
            MilestoneFlags.paidEarly(paid: paid, achieved: achieved(by: day))
        }

        func achieved(by day: CalendarDate) -> Bool { achievedOn.map { $0 <= day } ?? false }

        public var fund: String
        public var projectID: Int64
        public var project: String
        public var partner: String
        public var milestoneID: Int64
        public var title: String
        public var dueOn: CalendarDate
        public var achievedOn: CalendarDate?
        public var tranche: Money?
        /// Net of reversals, paid up to the end of the quarter.
        public var paid: Money
    }

    /// A reversal entry dated in the quarter, with the entry it reverses (both stay in the journal).
    public struct Reversal: Sendable, Equatable {
        public var fund: String
        public var entryID: Int64
        public var valueDate: CalendarDate
        public var kind: JournalEntry.Kind
        public var description: String
        public var amount: Money
        public var reversedEntryID: Int64
        public var reversedValueDate: CalendarDate
        public var reversedDescription: String
    }

    /// Received and disbursed (net) by one fund in one quarter, for the chart.
    public struct ChartPoint: Sendable, Equatable {
        public var fund: String
        public var quarter: Quarter
        public var received: Money
        public var disbursed: Money
    }

    public var quarter: Quarter
    /// Who publishes the report: the name and logo at its top.
    public var organisation: OrganisationSettings = .none
    /// The fund asked for, nil for all funds.
    public var fundFilter: String?
    public var funds: [FundSection]
    /// All the funds of the report together (the one fund when `fundFilter` is set).
    public var total: Figures
    public var achieved: [MilestoneLine]
    /// Due in the next quarter and not achieved by the end of this one.
    public var dueNextQuarter: [MilestoneLine]
    /// Due on or before the quarter's last day and not achieved by then: late at its close
    /// (`MilestoneLateness`, the milestone report's rule with `--as-of` the last day).
    public var late: [MilestoneLine]
    /// Achieved by the quarter's last day with the tranche not all paid: owed to the partner.
    public var owed: [MilestoneLine] = []
    /// Paid (some or all) while not achieved by the quarter's last day.
    public var paidEarly: [MilestoneLine] = []
    public var reversals: [Reversal]
    /// The quarters of the chart, oldest first (the report's quarter last).
    public var chartQuarters: [Quarter]
    public var chart: [ChartPoint]

    /// A fund's name without its "Fonds de solidarité pour la …": "Gaza", "Turquie"; the whole
    /// name when it does not start that way.
    public static func shortName(of name: String) -> String {
        var rest = Substring(name)
        for prefix in ["Fonds de solidarité pour ", "Fonds de solidarité "] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        for article in ["la ", "le ", "les ", "l’", "l'"] where rest.hasPrefix(article) {
            rest = rest.dropFirst(article.count)
            break
        }
        guard let first = rest.first, rest.count < name.count else { return name }
        return first.uppercased() + rest.dropFirst()
    }

    /// Days a late milestone is overdue at the close of the quarter's last day, as the milestone
    /// report counts them (`MilestoneLateness`): 1 for a milestone due on the quarter's last day.
    public func daysLate(_ line: MilestoneLine) -> Int {
        MilestoneLateness.daysLate(dueOn: line.dueOn, atCloseOf: quarter.end)
    }

    /// The flags at the quarter's close, one line each, in French: "GAZA, Super Novae : « … » :
    /// étape atteinte, tranche non versée — 40 000,00 € dus au partenaire" (`MilestoneFlags`).
    public var flags: [String] {
        var lines: [String] = []
        for line in owed + paidEarly {
            let owed = line.owed(atCloseOf: quarter.end)
            let early = line.paidEarly(atCloseOf: quarter.end) ? line.paid : nil
            lines += MilestoneFlags.describe(title: line.title, owed: owed, paidEarly: early)
                .map { FrenchTypography.apply("\(line.fund), \(line.partner) : ") + $0 }
        }
        return lines
    }

    /// "tous les fonds" or the fund's code.
    public var scope: String { fundFilter ?? "tous les fonds" }
}

extension JournalEntry.Kind {
    /// "versement", "promesse", "abandon de promesse", "versement au partenaire".
    public var french: String { FrenchLabels.entryKind(self) }
}
