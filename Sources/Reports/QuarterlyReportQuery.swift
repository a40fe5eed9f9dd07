import Ledger
import Postgres

/// Reads a `QuarterlyReport` from the database, in one REPEATABLE READ snapshot.
///
/// Cost: the money figures read `accounts` and all the `account_daily_totals` of the 512 and 441
/// accounts of the funds — a cost that grows with accounts × days, never with the number of
/// postings. Opening and closing balances are sums of daily totals (before the quarter's first
/// day, up to its last day), independent of the cached balances; the report refuses to run when
/// a cached balance is not the sum of all its account's daily totals, or when closing ≠ opening
/// + received − disbursed ± reallocated − refunded (`fundledger verify` then tells what is wrong). Donor counts read the
/// quarter's contributions, milestones and projects their own rows, tranches paid the postings of the
/// milestones listed (partial index `posting_milestone`), reversals the partial index
/// `journal_entry_reversal_date` (migration 0005).
public struct QuarterlyReportQuery {
    public let connection: PostgresConnection
    /// How many quarters the chart shows, the report's quarter included.
    public var chartQuarterCount = 4

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The report for `quarter`, for one fund (by code) or all funds (nil). An unknown fund is a
    /// `LedgerError` (`.notFound`) with the nearest codes as suggestions.
    public func report(quarter: Quarter, fund: String? = nil) throws -> QuarterlyReport {
        let store = LedgerReader(connection: connection)
        // Looked up before the transaction, so that "unknown fund" can still query suggestions.
        let fundRecord = try fund.map { try store.fund(code: $0) }
        let fundID = fundRecord?.id
        return try connection.transaction(isolation: .repeatableRead) { connection in
            try connection.execute(script: "SET TRANSACTION READ ONLY")
            var sections = try figures(quarter: quarter, fundID: fundID)
            try Self.checkConsistency(sections)
            let donors = try donorCounts(quarter: quarter, fundID: fundID)
            let projects = try projectLines(asOf: quarter.end, fundID: fundID)
            let intents = try intents(asOf: quarter.end, fundID: fundID)
            let settlements = try settlements(quarter: quarter, fundID: fundID)
            let projectsByFund = Dictionary(grouping: projects, by: \.fund)
            for index in sections.indices {
                let counts = donors.perFund[sections[index].id] ?? (0, 0)
                sections[index].section.figures.donors = counts.donors
                sections[index].section.figures.newDonors = counts.new
                let code = sections[index].section.code
                let thanks = try store.fundThanks(fundID: sections[index].id, thanked: .contributors)
                sections[index].section.thanksSettings = thanks
                sections[index].section.thanksNames = try store.contributors(fund: code, from: nil, to: quarter.end,
                                                                              order: thanks.order)
                sections[index].section.sinceOpening.donors = sections[index].section.thanksNames.count
                if sections[index].section.thanksNames.isEmpty {
                    let pledgers = try store.fundThanks(fundID: sections[index].id, thanked: .pledgers)
                    sections[index].section.pledgersSettings = pledgers
                    sections[index].section.pledgerNames = try store.pledgers(fund: code, from: nil, to: quarter.end,
                                                                              order: pledgers.order)
                }
                sections[index].section.projects = projectsByFund[code] ?? []
                sections[index].section.settlements = settlements[sections[index].id] ?? []
                if let intent = intents[sections[index].id] {
                    sections[index].section.intentionDonors = intent.donors
                    sections[index].section.intentions = intent.amount
                }
            }
            var total = sections.map(\.section.figures).reduce(QuarterlyReport.Figures(), +)
            total.donors = donors.total.donors
            total.newDonors = donors.total.new
            let milestones = try milestoneLines(quarter: quarter, fundID: fundID)
            let chartQuarters = (0..<max(1, chartQuarterCount)).reversed().map { back in
                (0..<back).reduce(quarter) { q, _ in q.previous }
            }
            return QuarterlyReport(
                quarter: quarter, organisation: try store.organisationSettings(), fundFilter: fundRecord?.code,
                funds: sections.map(\.section), total: total,
                achieved: milestones.filter { $0.achievedOn.map { $0 >= quarter.start && $0 <= quarter.end } ?? false },
                dueNextQuarter: milestones.filter {
                    $0.dueOn >= quarter.next.start && $0.dueOn <= quarter.next.end && !$0.achieved(by: quarter.end)
                },
                late: milestones.filter {
                    MilestoneLateness.isLate(dueOn: $0.dueOn, achievedOn: $0.achievedOn, atCloseOf: quarter.end)
                },
                owed: milestones.filter { $0.owed(atCloseOf: quarter.end) != nil },
                paidEarly: milestones.filter { $0.paidEarly(atCloseOf: quarter.end) },
                reversals: try reversals(quarter: quarter, fundID: fundID),
                chartQuarters: chartQuarters,
                chart: try chart(from: chartQuarters[0], to: quarter, fundID: fundID,
                                 funds: sections.map(\.section.code)))
        }
    }
}
