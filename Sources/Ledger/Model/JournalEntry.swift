import Postgres

/// A balanced set of postings recording one business event; never changed once written.
public struct JournalEntry: Sendable, Codable, Equatable, RowDecodable {
    public enum Kind: String, Sendable, Codable, PostgresDecodable {
        case pledge, contribution, pledge_write_off, disbursement
        /// The year-end's fonds dédiés (6894/194, 194/7894): accounting, never cash.
        case dedicated_funds
        /// A tranche owed at the year's end (657/4686), reversed on 1 January: never cash.
        case accrual
        /// Money given to another fund's purpose with the donors' agreement (6581/512 in the
        /// fund given up, 512/7581 in the fund receiving).
        case reallocation
        /// Money given back to the donors pro rata of their gifts (6582 per donor / 512).
        case refund
        /// The year-end's fonds dédiés moved with a reallocation (194/7894, 6894/194).
        case dedicated_transfer
    }

    public var id: Int64
    public var fundID: Int64
    /// A reversal keeps the kind of the entry it reverses.
    public var kind: Kind
    public var valueDate: CalendarDate
    public var description: String
    public var reversesEntryID: Int64?
    public var recordedBy: String

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, fundID = "fund_id", kind, valueDate = "value_date", description
        case reversesEntryID = "reverses_entry_id", recordedBy = "recorded_by"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        fundID = try row.decode("fund_id")
        kind = try row.decode("kind")
        valueDate = try row.decode("value_date")
        description = try row.decode("description")
        reversesEntryID = try row.decode("reverses_entry_id")
        recordedBy = try row.decode("recorded_by")
    }
}
