import Postgres

// Closing the books: periods and validation (sql/functions/close_period.sql, validate_entries.sql).
extension LedgerStore {
    /// Closes the books through `day` (before today): no entry dated on or before it can be
    /// written afterwards, and every entry dated so far is validated. Closing the same day again
    /// changes nothing (`newlyClosed` false); an earlier day is refused (`.periodClosed`).
    public func closePeriod(through day: CalendarDate) throws -> PeriodClosure {
        let rows = try queries.translatingErrors(lookingUp: []) {
            try connection.retrying { try $0.query("SELECT * FROM close_period(\(day), \(actor))") }
        }
        guard let first = rows.first else {
            throw LedgerError(kind: .database, message: "close_period answered nothing")
        }
        return PeriodClosure(
            closedThrough: try first.decode("closed_through"), newlyClosed: try first.decode("newly_closed"),
            validated: try rows.filter { try $0.decode("journal", as: String?.self) != nil }.map(ValidatedEntries.init(row:)))
    }

    /// Validates every entry dated on or before `day` (today at the latest) not validated yet:
    /// each gets its definitive FEC number and validation date. Empty when there was none.
    public func validateEntries(through day: CalendarDate) throws -> [ValidatedEntries] {
        try queries.translatingErrors(lookingUp: []) {
            try connection.retrying { try $0.query("SELECT * FROM validate_entries(\(day), \(actor))") }
                .map(ValidatedEntries.init(row:))
        }
    }
}

extension LedgerReader {
    /// The day the books are closed through; nil while no period was ever closed.
    public func booksClosedThrough() throws -> CalendarDate? {
        try queries.translatingErrors(lookingUp: []) {
            try connection.query("SELECT max(closed_through) AS day FROM period_closures").first?
                .decode("day", as: CalendarDate?.self)
        }
    }
}

extension LedgerReader {
    /// Every closing of a period, each fund's closing day and the years closed by `year-end`.
    public func periodsOverview() throws -> PeriodsOverview {
        let closures: [PeriodsOverview.Closure] = try queries.read("""
            SELECT id, closed_through, closed_by::text AS closed_by,
                   to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed_at
              FROM period_closures ORDER BY closed_through, id
            """)
        let funds: [PeriodsOverview.FundClosing] = try queries.read(
            "SELECT code, books_closed_through FROM funds ORDER BY code")
        return PeriodsOverview(closures: closures, funds: funds,
                               yearEnds: try dedicatedFundsClosedYears())
    }
}
