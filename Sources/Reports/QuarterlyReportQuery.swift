import Ledger
import Postgres

/// Reads a `QuarterlyReport` from the database, in one REPEATABLE READ snapshot.
///
/// Cost: the money figures read `accounts` and all the `account_daily_totals` of the 512 and 441
/// accounts of the funds — a cost that grows with accounts × days, never with the number of
/// postings. Opening and closing balances are sums of daily totals (before the quarter's first
/// day, up to its last day), independent of the cached balances; the report refuses to run when
/// a cached balance is not the sum of all its account's daily totals, or when closing ≠ opening
/// + received − disbursed (`fundledger verify` then tells what is wrong). Donor counts read the
/// quarter's contributions, milestones their own rows, tranches paid the postings of the
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
            for index in sections.indices {
                let counts = donors.perFund[sections[index].id] ?? (0, 0)
                sections[index].section.figures.donors = counts.donors
                sections[index].section.figures.newDonors = counts.new
                let section = sections[index].section
                let names = try store.contributors(fund: section.code, from: quarter.start, to: quarter.end)
                sections[index].section.thanks = ThanksParagraph.contributors(names, audience: sections[index].audience)
            }
            var total = sections.map(\.section.figures).reduce(QuarterlyReport.Figures(), +)
            total.donors = donors.total.donors
            total.newDonors = donors.total.new
            let milestones = try milestoneLines(quarter: quarter, fundID: fundID)
            let chartQuarters = (0..<max(1, chartQuarterCount)).reversed().map { back in
                (0..<back).reduce(quarter) { q, _ in q.previous }
            }
            return QuarterlyReport(
                quarter: quarter, fundFilter: fundRecord?.code,
                funds: sections.map(\.section), total: total,
                achieved: milestones.filter { $0.achievedOn.map { $0 >= quarter.start && $0 <= quarter.end } ?? false },
                dueNextQuarter: milestones.filter {
                    $0.dueOn >= quarter.next.start && $0.dueOn <= quarter.next.end && !Self.achieved($0, by: quarter.end)
                },
                late: milestones.filter {
                    MilestoneLateness.isLate(dueOn: $0.dueOn, achievedOn: $0.achievedOn, atCloseOf: quarter.end)
                },
                reversals: try reversals(quarter: quarter, fundID: fundID),
                chartQuarters: chartQuarters,
                chart: try chart(from: chartQuarters[0], to: quarter, fundID: fundID,
                                 funds: sections.map(\.section.code)))
        }
    }

    static func achieved(_ line: QuarterlyReport.MilestoneLine, by day: CalendarDate) -> Bool {
        line.achievedOn.map { $0 <= day } ?? false
    }

    // MARK: - Money, from the aggregates

    /// The SQL of the money figures, public so that its plan can be shown (`EXPLAIN`).
    /// Parameters: $1 quarter start, $2 quarter end, $3 fund id or NULL.
    public static let figuresSQL = """
        WITH fund_accounts AS (
            SELECT a.id, a.fund_id, a.number, a.balance
              FROM accounts a
             WHERE a.number IN ('512000', '441700') AND ($3::bigint IS NULL OR a.fund_id = $3::bigint)
        ), per_account AS (
            -- One row per account, from its daily totals alone (every day: the balances at the
            -- quarter's edges are sums of totals, never the cached balance less totals).
            SELECT a.fund_id, a.number, a.balance,
                   coalesce(sum(t.debits - t.credits), 0) AS total_all,
                   sum(t.debits - t.credits) FILTER (WHERE t.day < $1::date) AS before_start,
                   sum(t.debits - t.credits) FILTER (WHERE t.day <= $2::date) AS up_to_end,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'contribution') AS contribution_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'contribution') AS contribution_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'disbursement') AS disbursement_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'disbursement') AS disbursement_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'pledge') AS pledge_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'pledge') AS pledge_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'pledge_write_off') AS write_off_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'pledge_write_off') AS write_off_credits
              FROM fund_accounts a
              LEFT JOIN account_daily_totals t ON t.account_id = a.id
              CROSS JOIN LATERAL (SELECT t.day BETWEEN $1::date AND $2::date AS q) inq
             GROUP BY a.id, a.fund_id, a.number, a.balance
        ), movements AS (
            SELECT fund_id,
                   sum(before_start) FILTER (WHERE number = '512000') AS opening,
                   sum(up_to_end) FILTER (WHERE number = '512000') AS closing,
                   sum(up_to_end) FILTER (WHERE number = '441700') AS outstanding_at_end,
                   sum(contribution_debits)  FILTER (WHERE number = '512000') AS received_recorded,
                   sum(contribution_credits) FILTER (WHERE number = '512000') AS received_reversed,
                   sum(disbursement_credits) FILTER (WHERE number = '512000') AS disbursed_recorded,
                   sum(disbursement_debits)  FILTER (WHERE number = '512000') AS disbursed_reversed,
                   sum(pledge_debits)        FILTER (WHERE number = '441700') AS pledged_recorded,
                   sum(pledge_credits)       FILTER (WHERE number = '441700') AS pledges_cancelled,
                   sum(write_off_credits)    FILTER (WHERE number = '441700') AS written_off_recorded,
                   sum(write_off_debits)     FILTER (WHERE number = '441700') AS write_offs_reversed,
                   -- The cached balances must equal the sums of all their daily totals.
                   sum(balance) FILTER (WHERE number = '512000') AS bank_cached,
                   sum(total_all) FILTER (WHERE number = '512000') AS bank_totals,
                   count(*) FILTER (WHERE balance <> total_all) AS stale_accounts,
                   string_agg(DISTINCT number, ', ') FILTER (WHERE balance <> total_all) AS stale_numbers
              FROM per_account
             GROUP BY fund_id
        )
        SELECT f.id, f.code, f.name, f.audience, f.status,
               coalesce(m.opening, 0)::bigint AS opening,
               coalesce(m.closing, 0)::bigint AS closing,
               coalesce(m.outstanding_at_end, 0)::bigint AS outstanding_at_end,
               coalesce(m.received_recorded, 0)::bigint AS received_recorded,
               coalesce(m.received_reversed, 0)::bigint AS received_reversed,
               coalesce(m.disbursed_recorded, 0)::bigint AS disbursed_recorded,
               coalesce(m.disbursed_reversed, 0)::bigint AS disbursed_reversed,
               coalesce(m.pledged_recorded, 0)::bigint AS pledged_recorded,
               coalesce(m.pledges_cancelled, 0)::bigint AS pledges_cancelled,
               coalesce(m.written_off_recorded, 0)::bigint AS written_off_recorded,
               coalesce(m.write_offs_reversed, 0)::bigint AS write_offs_reversed,
               coalesce(m.bank_cached, 0)::bigint AS bank_cached,
               coalesce(m.bank_totals, 0)::bigint AS bank_totals,
               coalesce(m.stale_accounts, 0)::bigint AS stale_accounts,
               m.stale_numbers
          FROM funds f
          LEFT JOIN movements m ON m.fund_id = f.id
         WHERE ($3::bigint IS NULL OR f.id = $3::bigint) AND f.opened_on <= $2::date
         ORDER BY f.code
        """

    private struct SectionRow {
        var id: Int64
        var audience: String?
        var section: QuarterlyReport.FundSection
        /// The fund's cached bank balance, and the sum of all the bank account's daily totals.
        var bankCached: Money
        var bankTotals: Money
        /// Accounts (512, 441) of the fund whose cached balance is not the sum of their daily
        /// totals, and their numbers.
        var staleAccounts: Int64
        var staleNumbers: String?
    }

    /// Refuses the report (one line, telling to run `fundledger verify`) when a fund's cached
    /// balances are not the sums of their daily totals, or when its closing balance (the bank's
    /// daily totals up to the quarter's last day) is not opening (those before its first day)
    /// + received − disbursed.
    private static func checkConsistency(_ sections: [SectionRow]) throws {
        for row in sections {
            let code = row.section.code
            if row.staleAccounts > 0 {
                let which = row.bankCached != row.bankTotals
                    ? "bank balance is \(row.bankCached.plain) but the daily totals sum to \(row.bankTotals.plain)"
                    : "balance of \(row.staleAccounts) account(s) \(row.staleNumbers ?? "") differs from the daily totals"
                throw ReportError("fund \(code): the cached \(which); run fundledger verify")
            }
            let figures = row.section.figures
            if figures.closing != figures.expectedClosing {
                throw ReportError("fund \(code): the daily totals give a closing balance of \(figures.closing.plain) but opening + received − disbursed = \(figures.expectedClosing.plain); run fundledger verify")
            }
        }
    }

    private func figures(quarter: Quarter, fundID: Int64?) throws -> [SectionRow] {
        let rows = try connection.query(PostgresQuery(sql: Self.figuresSQL, binds: [quarter.start, quarter.end, fundID]))
        return try rows.map { row in
            func money(_ column: String) throws -> Money { Money(cents: try row.decode(column)) }
            var figures = QuarterlyReport.Figures()
            figures.opening = try money("opening")
            figures.closing = try money("closing")
            figures.outstandingAtEnd = try money("outstanding_at_end")
            figures.receivedRecorded = try money("received_recorded")
            figures.receivedReversed = try money("received_reversed")
            figures.disbursedRecorded = try money("disbursed_recorded")
            figures.disbursedReversed = try money("disbursed_reversed")
            figures.pledgedRecorded = try money("pledged_recorded")
            figures.pledgesCancelled = try money("pledges_cancelled")
            figures.writtenOffRecorded = try money("written_off_recorded")
            figures.writeOffsReversed = try money("write_offs_reversed")
            let section = QuarterlyReport.FundSection(
                code: try row.decode("code"), name: try row.decode("name"),
                status: Fund.Status(rawValue: try row.decode("status")) ?? .open,
                figures: figures, thanks: nil)
            return SectionRow(id: try row.decode("id"), audience: try row.decode("audience"), section: section,
                              bankCached: try money("bank_cached"), bankTotals: try money("bank_totals"),
                              staleAccounts: try row.decode("stale_accounts"), staleNumbers: try row.decode("stale_numbers"))
        }
    }

    // MARK: - Donors

    /// Donors of the quarter: collectivités with a contribution dated in it that was not reversed
    /// (the same rule as `fundledger thanks`). New: no earlier such contribution to the fund (per
    /// fund), to any fund (all funds; to the fund when the report is for one fund).
    /// Parameters: $1 start, $2 end, $3 fund id or NULL. The row with a NULL fund_id is the total.
    public static let donorsSQL = """
        WITH givers AS (
            -- Per fund through contribution_fund_date (OFFSET 0 keeps the lateral per fund, so
            -- that the quarter's contributions are read by index, not the whole table).
            SELECT DISTINCT f.id AS fund_id, c.donor_id
              FROM funds f
              CROSS JOIN LATERAL (SELECT c.donor_id, c.entry_id FROM contributions c
                                   WHERE c.fund_id = f.id AND c.received_on BETWEEN $1::date AND $2::date
                                  OFFSET 0) c
             WHERE ($3::bigint IS NULL OR f.id = $3::bigint)
               AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
        ), flagged AS (
            -- One index probe per donor (contribution_donor_fund_date): stop at the first earlier
            -- contribution that was not reversed.
            SELECT g.fund_id, g.donor_id,
                   (SELECT 1 FROM contributions e
                     WHERE e.donor_id = g.donor_id AND e.fund_id = g.fund_id AND e.received_on < $1::date
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = e.entry_id)
                     LIMIT 1) IS NULL AS new_to_fund,
                   (SELECT 1 FROM contributions e
                     WHERE e.donor_id = g.donor_id AND e.received_on < $1::date
                       AND ($3::bigint IS NULL OR e.fund_id = $3::bigint)
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = e.entry_id)
                     LIMIT 1) IS NULL AS new_overall
              FROM givers g
        )
        SELECT fund_id, count(DISTINCT donor_id) AS donors,
               CASE WHEN fund_id IS NULL THEN count(DISTINCT donor_id) FILTER (WHERE new_overall)
                    ELSE count(DISTINCT donor_id) FILTER (WHERE new_to_fund) END AS new_donors
          FROM flagged
         GROUP BY GROUPING SETS ((fund_id), ())
        """

    private func donorCounts(quarter: Quarter, fundID: Int64?) throws
        -> (perFund: [Int64: (donors: Int, new: Int)], total: (donors: Int, new: Int)) {
        var perFund: [Int64: (donors: Int, new: Int)] = [:]
        var total = (donors: 0, new: 0)
        for row in try connection.query(PostgresQuery(sql: Self.donorsSQL, binds: [quarter.start, quarter.end, fundID])) {
            let counts = (donors: try row.decode("donors", as: Int.self), new: try row.decode("new_donors", as: Int.self))
            if let fund = try row.decode("fund_id", as: Int64?.self) { perFund[fund] = counts } else { total = counts }
        }
        return (perFund, total)
    }

    // MARK: - Milestones

    /// Milestones achieved in the quarter, due in the next, or due by its end and not achieved,
    /// with the tranche paid (net of reversals) up to the end of the quarter.
    /// Parameters: $1 start, $2 end, $3 next quarter's end, $4 fund id or NULL.
    public static let milestonesSQL = """
        SELECT f.code AS fund, p.id AS project_id, p.title AS project, pa.name AS partner,
               m.id, m.title, m.due_on, m.achieved_on, m.tranche,
               milestone_paid(m.id, $2::date) AS paid
          FROM milestones m
          JOIN projects p ON p.id = m.project_id
          JOIN partners pa ON pa.id = p.partner_id
          JOIN funds f ON f.id = p.fund_id
         WHERE ($4::bigint IS NULL OR p.fund_id = $4::bigint)
           AND (m.achieved_on BETWEEN $1::date AND $2::date
                OR (m.due_on <= $3::date AND (m.achieved_on IS NULL OR m.achieved_on > $2::date)))
         ORDER BY f.code, m.due_on, p.id, m.id
        """

    private func milestoneLines(quarter: Quarter, fundID: Int64?) throws -> [QuarterlyReport.MilestoneLine] {
        try connection.query(PostgresQuery(sql: Self.milestonesSQL,
                                           binds: [quarter.start, quarter.end, quarter.next.end, fundID])).map { row in
            QuarterlyReport.MilestoneLine(
                fund: try row.decode("fund"), projectID: try row.decode("project_id"),
                project: try row.decode("project"), partner: try row.decode("partner"),
                milestoneID: try row.decode("id"), title: try row.decode("title"),
                dueOn: try row.decode("due_on"), achievedOn: try row.decode("achieved_on"),
                tranche: try row.decode("tranche", as: Int64?.self).map(Money.init(cents:)),
                paid: Money(cents: try row.decode("paid")))
        }
    }

    // MARK: - Reversals

    /// Reversal entries dated in the quarter, with the entry each one reverses.
    /// Parameters: $1 start, $2 end, $3 fund id or NULL.
    public static let reversalsSQL = """
        SELECT f.code AS fund, r.id, r.value_date, r.kind, r.description,
               (SELECT sum(p.amount) FROM postings p WHERE p.entry_id = r.id AND p.amount > 0)::bigint AS amount,
               o.id AS original_id, o.value_date AS original_value_date, o.description AS original_description
          FROM journal_entries r
          JOIN journal_entries o ON o.id = r.reverses_entry_id
          JOIN funds f ON f.id = r.fund_id
         WHERE r.reverses_entry_id IS NOT NULL
           AND r.value_date BETWEEN $1::date AND $2::date
           AND ($3::bigint IS NULL OR r.fund_id = $3::bigint)
         ORDER BY r.value_date, r.id
        """

    private func reversals(quarter: Quarter, fundID: Int64?) throws -> [QuarterlyReport.Reversal] {
        try connection.query(PostgresQuery(sql: Self.reversalsSQL, binds: [quarter.start, quarter.end, fundID])).map { row in
            QuarterlyReport.Reversal(
                fund: try row.decode("fund"), entryID: try row.decode("id"), valueDate: try row.decode("value_date"),
                kind: JournalEntry.Kind(rawValue: try row.decode("kind")) ?? .contribution,
                description: try row.decode("description"), amount: Money(cents: try row.decode("amount")),
                reversedEntryID: try row.decode("original_id"),
                reversedValueDate: try row.decode("original_value_date"),
                reversedDescription: try row.decode("original_description"))
        }
    }

    // MARK: - Chart

    /// Net received and disbursed per fund and quarter, from the bank accounts' daily totals.
    /// Parameters: $1 first day, $2 last day, $3 fund id or NULL.
    public static let chartSQL = """
        SELECT f.code AS fund,
               extract(year FROM t.day)::int AS year, extract(quarter FROM t.day)::int AS quarter,
               coalesce(sum(t.debits - t.credits) FILTER (WHERE t.kind = 'contribution'), 0)::bigint AS received,
               coalesce(sum(t.credits - t.debits) FILTER (WHERE t.kind = 'disbursement'), 0)::bigint AS disbursed
          FROM accounts a
          JOIN account_daily_totals t ON t.account_id = a.id AND t.day BETWEEN $1::date AND $2::date
          JOIN funds f ON f.id = a.fund_id
         WHERE a.number = '512000' AND ($3::bigint IS NULL OR a.fund_id = $3::bigint)
         GROUP BY 1, 2, 3
        """

    private func chart(from first: Quarter, to last: Quarter, fundID: Int64?, funds: [String]) throws
        -> [QuarterlyReport.ChartPoint] {
        var found: [String: QuarterlyReport.ChartPoint] = [:]
        for row in try connection.query(PostgresQuery(sql: Self.chartSQL, binds: [first.start, last.end, fundID])) {
            guard let quarter = Quarter(year: try row.decode("year"), number: try row.decode("quarter")) else { continue }
            let fund: String = try row.decode("fund")
            found["\(fund) \(quarter)"] = QuarterlyReport.ChartPoint(
                fund: fund, quarter: quarter, received: Money(cents: try row.decode("received")),
                disbursed: Money(cents: try row.decode("disbursed")))
        }
        var quarters: [Quarter] = [first]
        while quarters.last! < last { quarters.append(quarters.last!.next) }
        return funds.flatMap { fund in
            quarters.map { quarter in
                found["\(fund) \(quarter)"]
                    ?? QuarterlyReport.ChartPoint(fund: fund, quarter: quarter, received: .zero, disbursed: .zero)
            }
        }
    }
}
