import Postgres

extension LedgerStore {
    /// The year's last step (sql/functions/close_year.sql): fonds dédiés posted on 31 December
    /// per fund, the year's entries validated, the period closed through that day. A year
    /// already closed this way changes nothing (`alreadyClosed`).
    public func closeYear(_ year: Int) throws -> YearEnd {
        let rows = try queries.translatingErrors(lookingUp: []) {
            try connection.retrying { try $0.query("SELECT * FROM close_year(\(year), \(actor))") }
        }
        let already = try rows.first?.decode("already", as: Bool.self)
            ?? (try reader.dedicatedFundsClosedYears().contains(year))
        return YearEnd(year: year, alreadyClosed: already, dedicatedFunds: try rows.map(DedicatedFunds.init(row:)))
    }
}

extension LedgerReader {
    /// The table of changes in fonds dédiés for `year`, one line per fund that has any.
    public func dedicatedFunds(year: Int) throws -> [DedicatedFunds] {
        try queries.read("SELECT * FROM dedicated_funds_table(\(year))")
    }

    /// The years closed by `year-end`.
    public func dedicatedFundsClosedYears() throws -> [Int] {
        try queries.translatingErrors(lookingUp: []) {
            try connection.query("SELECT fiscal_year FROM year_end_closings ORDER BY 1").map { try $0.decode("fiscal_year") }
        }
    }
}
