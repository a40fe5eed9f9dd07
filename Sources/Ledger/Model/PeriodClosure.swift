import Postgres

/// Entries validated together in one journal and year: their definitive FEC numbers run from
/// `firstNumber` to `lastNumber`.
public struct ValidatedEntries: Sendable, Equatable, RowDecodable {
    /// `BQ` or `OD`.
    public var journal: String
    public var fiscalYear: Int
    public var count: Int
    public var firstNumber: Int
    public var lastNumber: Int

    init(row: PostgresRow) throws {
        journal = try row.decode("journal")
        fiscalYear = try row.decode("fiscal_year")
        count = try row.decode("validated")
        firstNumber = try row.decode("first_number")
        lastNumber = try row.decode("last_number")
    }
}

/// What `fundledger period close` did: the day the books are now closed through, whether that
/// was new, and the entries it validated.
public struct PeriodClosure: Sendable, Equatable {
    public var closedThrough: CalendarDate
    /// False when the books were already closed through that day: nothing changed.
    public var newlyClosed: Bool
    public var validated: [ValidatedEntries]
}
