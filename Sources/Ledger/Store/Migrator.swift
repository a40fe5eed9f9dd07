import LedgerMigrations
import Postgres

/// Brings a database to this version's schema, in one transaction under an advisory lock: two
/// concurrent runs queue, a failure leaves nothing behind, and a second run changes nothing.
///
/// Two kinds of SQL (see `LedgerMigrationFiles`):
/// - **numbered migrations** (`sql/migrations/`: tables, indexes, constraints, data) run once
///   each, recorded with their SHA-256 in `schema_migrations`; one edited after it was applied
///   is refused (except the rewrites listed in `RewrittenMigrations`), and one the database has
///   but this version lacks means a newer version migrated it: refused too;
/// - **definitions** (`sql/functions/`, `sql/views/`, `sql/grants.sql`: business events, rules,
///   read models) are re-applied whenever their text changed, recorded in `schema_definitions`.
///   After any migration all of them are re-applied (a migration may have dropped what they
///   define); after any change `grants.sql` is re-applied, so no function loses its grant.
public struct Migrator {
    /// One SQL file: its name (`0001_ledger.sql`, `functions/record_contribution.sql`) and text.
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
    public let definitions: [Migration]

    public init(connection: PostgresConnection, migrations: [Migration]? = nil,
                definitions: [Migration]? = nil) throws {
        self.connection = connection
        self.migrations = try migrations ?? LedgerMigrationFiles.all().map { Migration(name: $0.name, sql: $0.sql) }
        self.definitions = try definitions ?? LedgerMigrationFiles.definitions().map { Migration(name: $0.name, sql: $0.sql) }
    }

    /// Applies what is missing or changed; returns the names applied (empty when up to date).
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
                    );
                    CREATE TABLE IF NOT EXISTS schema_definitions (
                        name       text PRIMARY KEY,
                        checksum   text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    );
                    """)
                let migrated = try applyMigrations(connection)
                let defined = try applyDefinitions(connection, reapplyingAll: !migrated.isEmpty)
                return migrated + defined
            }
        } catch let error as PostgresError {
            throw LedgerError(error)
        }
    }

    private func applyMigrations(_ connection: PostgresConnection) throws -> [String] {
        let applied = try recordedChecksums("SELECT name, checksum FROM schema_migrations", connection)
        let known = Set(migrations.map(\.name))
        if let unknown = applied.keys.sorted().first(where: { !known.contains($0) }) {
            throw LedgerError(kind: .migration,
                              message: "the database has migration \(unknown), which this version does not know: it was migrated by a newer version")
        }
        var newlyApplied: [String] = []
        for migration in migrations {
            let checksum = try self.checksum(of: migration, connection)
            if let recorded = applied[migration.name] {
                if recorded == checksum { continue }
                guard RewrittenMigrations.accepts(recorded, for: migration.name) else {
                    throw LedgerError(kind: .migration,
                                      message: "migration \(migration.name) was edited after it was applied (checksum \(recorded.prefix(12))… recorded, \(checksum.prefix(12))… now); add a new migration instead")
                }
                // What the old text created is still there; what moved out of it is re-applied below.
                try connection.query(
                    "UPDATE schema_migrations SET checksum = \(checksum) WHERE name = \(migration.name)")
                continue
            }
            try run(migration, connection)
            try connection.query(
                "INSERT INTO schema_migrations (name, checksum) VALUES (\(migration.name), \(checksum))")
            newlyApplied.append(migration.name)
        }
        return newlyApplied
    }

    private func applyDefinitions(_ connection: PostgresConnection, reapplyingAll: Bool) throws -> [String] {
        let applied = try recordedChecksums("SELECT name, checksum FROM schema_definitions", connection)
        // Function bodies are checked when called: files may use functions of later files.
        try connection.query("SET LOCAL check_function_bodies = off")
        var newlyApplied: [String] = []
        for definition in definitions {
            let checksum = try self.checksum(of: definition, connection)
            let isGrants = definition.name == "grants.sql"
            let changed = applied[definition.name] != checksum
            guard reapplyingAll || changed || (isGrants && !newlyApplied.isEmpty) else { continue }
            try run(definition, connection)
            try connection.query("""
                INSERT INTO schema_definitions (name, checksum) VALUES (\(definition.name), \(checksum))
                ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
                """)
            newlyApplied.append(definition.name)
        }
        try connection.query("SET LOCAL check_function_bodies = on")
        return newlyApplied
    }

    private func recordedChecksums(_ query: PostgresQuery, _ connection: PostgresConnection) throws -> [String: String] {
        var recorded: [String: String] = [:]
        for row in try connection.query(query) {
            recorded[try row.decode("name")] = try row.decode("checksum")
        }
        return recorded
    }

    private func checksum(of file: Migration, _ connection: PostgresConnection) throws -> String {
        try connection.query("SELECT encode(sha256(convert_to(\(file.sql), 'UTF8')), 'hex') AS sum")
            .single().decode("sum")
    }

    private func run(_ file: Migration, _ connection: PostgresConnection) throws {
        do {
            try connection.execute(script: file.sql)
        } catch let error as PostgresError {
            throw LedgerError(kind: .migration, message: "\(file.name) failed: \(error)",
                              sqlState: error.sqlState?.rawValue)
        }
    }
}
