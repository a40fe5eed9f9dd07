import Postgres

extension LedgerStore {
    /// The year's last step (sql/functions/close_year.sql): fonds dédiés posted on 31 December
    /// per fund, the year's entries validated, the period closed through that day. A year
    /// already closed this way changes nothing (`alreadyClosed`).
    public func closeYear(_ year: Int) throws -> YearEnd {
        // Read before: a year with no fonds dédiés answers no row to say it.
        let closedBefore = try reader.dedicatedFundsClosedYears().contains(year)
        let rows = try queries.translatingErrors(lookingUp: []) {
            try connection.retrying { try $0.query("SELECT * FROM close_year(\(year), \(actor))") }
        }
        let already = try rows.first?.decode("already", as: Bool.self) ?? closedBefore
        var result = YearEnd(year: year, alreadyClosed: already, dedicatedFunds: try rows.map(DedicatedFunds.init(row:)))
        let accruals = try reader.accruals(year: year)
        result.accrualCount = accruals.count
        result.accruals = accruals.amount
        return result
    }
}

extension LedgerReader {
    /// The table of changes in fonds dédiés for `year`, one line per fund that has any.
    public func dedicatedFunds(year: Int) throws -> [DedicatedFunds] {
        try queries.read("SELECT * FROM dedicated_funds_table(\(year))")
    }

    /// The charges à payer of `year`'s end: how many tranches were owed on 31 December, how much.
    public func accruals(year: Int) throws -> (count: Int, amount: Money) {
        try queries.translatingErrors(lookingUp: []) {
            let row = try connection.query("""
                SELECT count(*) AS n, coalesce(-sum(p.amount), 0)::bigint AS owed
                  FROM journal_entries e
                  JOIN postings p ON p.entry_id = e.id
                  JOIN accounts a ON a.id = p.account_id AND a.number = '468600'
                 WHERE e.kind = 'accrual' AND e.reverses_entry_id IS NULL AND e.value_date = make_date(\(year), 12, 31)
                """).single()
            return (try row.decode("n"), try row.money("owed"))
        }
    }

    /// The years closed by `year-end`.
    public func dedicatedFundsClosedYears() throws -> [Int] {
        try queries.translatingErrors(lookingUp: []) {
            try connection.query("SELECT fiscal_year FROM year_end_closings ORDER BY 1").map { try $0.decode("fiscal_year") }
        }
    }
}
