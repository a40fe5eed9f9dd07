import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

@Suite("Migrations")
struct MigratorTests {
    @Test func appliesAllThenIsANoOp() throws {
        try TestDatabase.withEmpty { database in
            let connection = try database.connect()
            let migrator = try Migrator(connection: connection)
            let applied = try migrator.migrate()
            #expect(applied == migrator.migrations.map(\.name) + migrator.definitions.map(\.name))
            #expect(applied.first == "0001_ledger.sql")
            #expect(applied.last == "grants.sql")
            #expect(try migrator.migrate().isEmpty)
            #expect(try rowCount(connection, "schema_migrations") == Int64(migrator.migrations.count))
            #expect(try rowCount(connection, "schema_definitions") == Int64(migrator.definitions.count))
            #expect(try LedgerReader(connection: connection).verify().isEmpty)
        }
    }

    @Test func refusesAnEditedMigration() throws {
        try TestDatabase.withEmpty { database in
            let connection = try database.connect()
            let original = try Migrator(connection: connection)
            try original.migrate()
            var edited = original.migrations
            edited[0].sql += "\n-- an innocent-looking edit\n"
            let error = ledgerError { try Migrator(connection: connection, migrations: edited).migrate() }
            #expect(error?.kind == .migration)
            #expect(error?.message.contains("0001_ledger.sql was edited") == true)
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() throws {
        try TestDatabase.withEmpty { database in
            let connection = try database.connect()
            let migrations = [
                Migrator.Migration(name: "0001_ok.sql", sql: "CREATE TABLE kept_if_ok (n int);"),
                Migrator.Migration(name: "0002_broken.sql", sql: "CREATE TABLE also (n int); SELECT 1/0;"),
            ]
            let error = ledgerError { try Migrator(connection: connection, migrations: migrations, definitions: []).migrate() }
            #expect(error?.kind == .migration)
            #expect(error?.message.contains("0002_broken.sql") == true)
            let tables: Int64 = try connection.query("""
                SELECT count(*) AS n FROM pg_tables WHERE tablename IN ('kept_if_ok', 'also', 'schema_migrations')
                """).single().decode("n")
            #expect(tables == 0)
        }
    }

    @Test func concurrentRunsApplyEachMigrationOnce() throws {
        try TestDatabase.withEmpty { database in
            let results = NSLock()
            nonisolated(unsafe) var applied: [[String]] = []
            nonisolated(unsafe) var failures: [String] = []
            let threads = (0..<3).map { _ in
                Thread {
                    do {
                        let names = try Migrator(connection: database.connect()).migrate()
                        results.lock(); applied.append(names); results.unlock()
                    } catch {
                        results.lock(); failures.append("\(error)"); results.unlock()
                    }
                }
            }
            threads.forEach { $0.start() }
            while results.withLock({ applied.count + failures.count }) < 3 { usleep(10_000) }
            #expect(failures.isEmpty)
            #expect(applied.filter { !$0.isEmpty }.count == 1)
            let connection = try database.connect()
            #expect(try rowCount(connection, "schema_migrations") + rowCount(connection, "schema_definitions")
                    == Int64(applied.flatMap { $0 }.count))
        }
    }
}
