import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// The business events, rules and views are re-applied by `migrate` when their text changes
/// (`sql/functions`, `sql/views`, `sql/grants.sql`), and databases created before they moved out
/// of the numbered migrations migrate forward unchanged.
@Suite("Re-applied definitions")
struct DefinitionMigrationTests {
    @Test func aChangedFunctionFileIsAppliedAloneThenNothing() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let current = try Migrator(connection: connection)
            var edited = current.definitions
            let index = try #require(edited.firstIndex { $0.name == "functions/euros.sql" })
            edited[index].sql = edited[index].sql.replacingOccurrences(of: "E'\\u00A0€'", with: "' EUR'")
            let migrator = try Migrator(connection: connection, definitions: edited)

            #expect(try migrator.migrate() == ["functions/euros.sql", "grants.sql"])
            #expect(try migrator.migrate().isEmpty)
            let text: String = try connection.query("SELECT euros(123456) AS t").single().decode("t")
            #expect(text == "1\u{202F}234,56 EUR")
            try expectWriterAndReaderStillWork(database)
        }
    }

    @Test func aFunctionWhoseSignatureChangesKeepsItsGrant() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            var edited = try Migrator(connection: connection).definitions
            let index = try #require(edited.firstIndex { $0.name == "functions/euros.sql" })
            edited[index].sql = """
                DROP FUNCTION euros(bigint);
                CREATE FUNCTION euros(p_cents bigint, p_currency text DEFAULT '€') RETURNS text
                LANGUAGE sql IMMUTABLE AS $$ SELECT (p_cents / 100)::text || ' ' || p_currency $$;
                """
            try Migrator(connection: connection, definitions: edited).migrate()
            let writer = try database.connect(granted: "fundledger_writer")
            let text: String = try writer.query("SELECT euros(500, 'EUR') AS t").single().decode("t")
            #expect(text == "5 EUR")
        }
    }

    /// The chain as it was before issue 9 (every function inside 0001–0006), with data written by
    /// its functions, then this version's `migrate`: same data, same schema as a new database.
    @Test func aDatabaseMigratedBeforeIssue9MigratesForwardUnchanged() throws {
        let fresh = try TestDatabase.with { database in try schemaFingerprint(try database.connect()) }
        try TestDatabase.withEmpty { database in
            let connection = try database.connect()
            try applyChainBeforeIssue9(connection)
            let store = LedgerStore(connection: connection, actor: "before")
            let fixture = try Fixture(store)
            _ = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 50_000), on: Fixture.day)
            let gift = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 80_000),
                                                    on: Fixture.day, reference: "VIR 1")
            _ = try store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 10_000), on: Fixture.day)
            _ = try store.reverseEntry(gift.entryID, reason: "saisie en double", on: Fixture.day)
            let dataBefore = try dataFingerprint(connection)
            let columnsBefore = Dictionary(uniqueKeysWithValues: try Self.fingerprintTables.map { ($0, try tableColumns(connection, $0)) })

            let applied = try Migrator(connection: connection).migrate()
            #expect(applied.first == "0007_named_rules.sql")
            #expect(applied.contains("functions/record_contribution.sql"))
            #expect(try dataFingerprint(connection, columns: columnsBefore) == dataBefore)
            let forward = try schemaFingerprint(connection)
            #expect(forward.count == fresh.count)
            for difference in forward.difference(from: fresh) {
                Issue.record("schema differs from a new database: \(difference)")
            }
            #expect(try Migrator(connection: connection).migrate().isEmpty)
            // 0019 sealed the entries already there: each fund's, in id order, one chain.
            let unsealedOrOutOfOrder: Int64 = try connection.query("""
                SELECT count(*) AS n
                  FROM (SELECT e.id, row_number() OVER (PARTITION BY e.fund_id ORDER BY e.id) AS position
                          FROM journal_entries e) e
                  LEFT JOIN entry_seals s ON s.entry_id = e.id
                 WHERE s.position IS DISTINCT FROM e.position
                """).single().decode("n")
            #expect(unsealedOrOutOfOrder == 0)
            #expect(try store.reader.verify().isEmpty)
            try expectWriterAndReaderStillWork(database)
        }
    }

    // MARK: - Helpers

    /// A login role granted `fundledger_writer` records a contribution and reads balances; one
    /// granted `fundledger_reader` reads balances, a fund and a donor.
    private func expectWriterAndReaderStillWork(_ database: TestDatabase) throws {
        let owner = LedgerStore(connection: try database.connect(), actor: "owner")
        if (try? owner.reader.fund(code: "WRITERS")) == nil {
            _ = try owner.openFund(code: "WRITERS", name: "Fonds des rédacteurs", audience: nil,
                                   openedOn: CalendarDate(year: 2026, month: 1, day: 1)!)
            _ = try owner.addDonor(name: "Rédacteurs")
        }
        let writer = LedgerStore(connection: try database.connect(granted: "fundledger_writer"), actor: "writer")
        let recorded = try writer.recordContribution(donor: "Rédacteurs", fund: "WRITERS", amount: Money(cents: 1_234),
                                                     on: CalendarDate(year: 2026, month: 2, day: 1)!)
        #expect(recorded.amount == Money(cents: 1_234))
        #expect(try writer.reader.balances(fund: "WRITERS").first?.available == Money(cents: 1_234))
        let reader = LedgerStore(connection: try database.connect(granted: "fundledger_reader"), actor: "reader")
        #expect(try reader.reader.fund(code: "WRITERS").code == "WRITERS")
        #expect(try reader.reader.donor(named: "redacteurs").name == "Rédacteurs")
        #expect(try reader.reader.verify().isEmpty)
        let refused = ledgerError {
            _ = try reader.recordContribution(donor: "Rédacteurs", fund: "WRITERS", amount: Money(cents: 1),
                                              on: CalendarDate(year: 2026, month: 2, day: 1)!)
        }
        #expect(refused?.sqlState == "42501")
    }

    /// Applies the migrations as the Migrator before issue 9 did: each file once, recorded with
    /// its checksum, in one transaction.
    private func applyChainBeforeIssue9(_ connection: PostgresConnection) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/migrations-before-issue-9")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names.count == 6)
        try connection.transaction(retry: .never) { connection in
            try connection.execute(script: """
                CREATE TABLE schema_migrations (name text PRIMARY KEY, checksum text NOT NULL,
                                                applied_at timestamptz NOT NULL DEFAULT now())
                """)
            for name in names {
                let sql = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                try connection.execute(script: sql)
                try connection.query("""
                    INSERT INTO schema_migrations (name, checksum)
                    VALUES (\(name), encode(sha256(convert_to(\(sql), 'UTF8')), 'hex'))
                    """)
            }
        }
    }

    /// Every table, column, constraint, index, function (with its body and grants), trigger and
    /// view of the public schema, one line each, in order.
    private func schemaFingerprint(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT line FROM (
                SELECT 'function ' || p.oid::regprocedure || ' '
                       -- pg_get_functiondef refuses aggregates (entry_chain_hash): their state function and type
                       || CASE WHEN p.prokind = 'a'
                               THEN (SELECT 'aggregate ' || a.aggtransfn::regproc || ' ' || a.aggtranstype::regtype
                                       FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
                               ELSE md5(pg_get_functiondef(p.oid)) END || ' '
                       || coalesce((SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(p.proacl) a), '') AS line
                  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t
                  JOIN pg_class c ON c.oid = t.tgrelid AND c.relnamespace = 'public'::regnamespace
                 WHERE NOT t.tgisinternal
                UNION ALL
                SELECT 'view ' || viewname || ' ' || md5(definition) FROM pg_views WHERE schemaname = 'public'
                UNION ALL
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                       || coalesce(domain_name, '') || ' ' || coalesce(column_default, '') || ' ' || is_nullable
                  FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL
                SELECT 'constraint ' || coalesce(nullif(conrelid, 0)::regclass::text, contypid::regtype::text) || ' '
                       || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL
                SELECT 'grant ' || relname || ' '
                       || coalesce((SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(relacl) a), '')
                  FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'S')
            ) schema ORDER BY line
            """).map { try $0.decode("line") }
    }

    /// Every row of the ledger's tables, as text.
    /// Every row of the ledger's tables, as JSON of the columns the table had before the
    /// migration (`columns`, by table; nil: all of them now). Columns a later migration adds
    /// (NULL for old rows) are left out, so that "same data" means the rows kept every value.
    private func dataFingerprint(_ connection: PostgresConnection, columns: [String: [String]]? = nil) throws -> [String] {
        var lines: [String] = []
        for table in Self.fingerprintTables {
            let kept = try columns?[table] ?? tableColumns(connection, table)
            lines += try connection.query(PostgresQuery(sql: """
                SELECT (SELECT jsonb_object_agg(c.key, c.value) FROM jsonb_each(to_jsonb(t)) c WHERE c.key = ANY($1))::text AS row
                  FROM \(table) t ORDER BY 1
                """, binds: [kept]))
                .map { "\(table) " + (try $0.decode("row", as: String.self)) }
        }
        return lines
    }

    static let fingerprintTables = ["funds", "donors", "partners", "projects", "milestones", "accounts", "journal_entries",
                                    "postings", "pledges", "contributions", "disbursements", "account_daily_totals",
                                    "idempotency_keys", "imports"]

    private func tableColumns(_ connection: PostgresConnection, _ table: String) throws -> [String] {
        try connection.query("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = \(table)
            """).map { try $0.decode("column_name") }
    }
}
