import Postgres

/// Entries validated together in one journal and year: their definitive FEC numbers run from
/// `firstNumber` to `lastNumber`.
public struct ValidatedEntries: Sendable, Equatable, Encodable, RowDecodable {
    /// `BQ` or `OD`.
    public var journal: String
    public var fiscalYear: Int
    public var count: Int
    public var firstNumber: Int
    public var lastNumber: Int

    enum CodingKeys: String, CodingKey {
        case journal, fiscalYear = "fiscal_year", count, firstNumber = "first_number", lastNumber = "last_number"
    }

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
public struct PeriodClosure: Sendable, Equatable, Encodable {
    public var closedThrough: CalendarDate
    /// False when the books were already closed through that day: nothing changed.
    public var newlyClosed: Bool
    public var validated: [ValidatedEntries]

    enum CodingKeys: String, CodingKey {
        case closedThrough = "closed_through", newlyClosed = "newly_closed", validated
    }
}
