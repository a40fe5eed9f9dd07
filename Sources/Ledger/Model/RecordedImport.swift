import Postgres

/// A file of bank receipts imported into the ledger: its name, how many lines, their total,
/// who recorded it and when (as PostgreSQL writes the instant).
public struct RecordedImport: Sendable, Equatable, RowDecodable {
    public var id: Int64
    public var fileName: String
    public var lines: Int
    public var total: Money
    public var recordedBy: String
    public var recordedAt: String

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        fileName = try row.decode("file_name")
        lines = try row.decode("lines")
        total = try row.money("total")
        recordedBy = try row.decode("recorded_by")
        recordedAt = try row.decode("recorded_at")
    }
}
