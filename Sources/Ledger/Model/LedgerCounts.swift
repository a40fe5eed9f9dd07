import Postgres

/// How big the ledger is: journal entries and accounts.
public struct LedgerCounts: Sendable, Codable, Equatable, RowDecodable {
    public var entries: Int64
    public var accounts: Int64

    init(row: PostgresRow) throws {
        entries = try row.decode("entries")
        accounts = try row.decode("accounts")
    }
}
