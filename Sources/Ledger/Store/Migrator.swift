import LedgerMigrations
import Postgres

/// Applies `sql/migrations` in file-name order, each recorded with its SHA-256 in `schema_migrations`.
///
/// Everything runs in one transaction under an advisory lock: two concurrent runs queue, a failed
/// migration leaves nothing behind, a second run is a no-op, and a migration edited after it was
/// applied is refused.
public struct Migrator {
    public struct Migration: Sendable {
        public var name: String
        public var sql: String

        public init(name: String, sql: String) {
            self.name = name
            self.sql = sql
        }
    }

    public let connection: PostgresConnection
    public let migrations: [Migration]

    public init(connection: PostgresConnection, migrations: [Migration]? = nil) throws {
        self.connection = connection
        self.migrations = try migrations ?? LedgerMigrationFiles.all().map { Migration(name: $0.name, sql: $0.sql) }
    }

    /// Applies what is missing; returns the names applied (empty when already up to date).
    @discardableResult
    public func migrate() throws -> [String] {
        do {
            return try connection.transaction(retry: .never) { connection in
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('fundledger.migrate'))")
                try connection.execute(script: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        name       text PRIMARY KEY,
                        checksum   text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
                var applied: [String: String] = [:]
                for row in try connection.query("SELECT name, checksum FROM schema_migrations") {
                    applied[try row.decode("name")] = try row.decode("checksum")
                }
                let known = Set(migrations.map(\.name))
                if let unknown = applied.keys.sorted().first(where: { !known.contains($0) }) {
                    throw LedgerError(kind: .migration,
                                      message: "the database has migration \(unknown), which this version does not know: it was migrated by a newer version")
                }
                var newlyApplied: [String] = []
                for migration in migrations {
                    let checksum: String = try connection.query(
                        "SELECT encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex') AS sum"
                    ).single().decode("sum")
                    if let recorded = applied[migration.name] {
                        guard recorded == checksum else {
                            throw LedgerError(kind: .migration,
                                              message: "migration \(migration.name) was edited after it was applied (checksum \(recorded.prefix(12))… recorded, \(checksum.prefix(12))… now); add a new migration instead")
                        }
                        continue
                    }
                    do {
                        try connection.execute(script: migration.sql)
                    } catch let error as PostgresError {
                        throw LedgerError(kind: .migration, message: "migration \(migration.name) failed: \(error)",
                                          sqlState: error.sqlState?.rawValue)
                    }
                    try connection.query(
                        "INSERT INTO schema_migrations (name, checksum) VALUES (\(migration.name), \(checksum))")
                    newlyApplied.append(migration.name)
                }
                return newlyApplied
            }
        } catch let error as PostgresError {
            throw LedgerError(error)
        }
    }
}
