import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// The holes found when the ledger was attacked from psql as a login role granted
/// `fundledger_writer` (issue 10): each test failed before its fix.
@Suite("Insider holes")
struct InsiderHoleTests {
    /// Fund HOT opened 2026-01-01 with donor Bondy; returns a writer login connection.
    private func hotFund(_ database: TestDatabase) throws -> PostgresConnection {
        let owner = try database.connect()
        defer { owner.close() }
        try owner.query("SELECT open_fund('HOT', 'Fonds chaud', NULL, '2026-01-01')")
        try owner.query("SELECT add_donor('Bondy', NULL, NULL)")
        return try database.connect(granted: "fundledger_writer")
    }

    @Test func aFundClosedDuringARepeatableReadTransactionTakesNothingFromIt() throws {
        try TestDatabase.with { database in
            let sessionA = try hotFund(database)
            let sessionB = try database.connect(granted: "fundledger_writer")
            // The fund holds nothing (a fund holding money cannot close: FL019).
            try sessionA.execute(script: "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1;")
            try sessionB.query("SELECT set_fund_status('HOT', 'closed', '2026-06-30')")
            let refused = postgresError {
                try sessionA.query("SELECT record_contribution('Bondy', 'HOT', 500, '2026-06-30', NULL, true, 'R1')")
            }
            #expect(refused?.sqlState?.rawValue == "40001" || refused?.sqlState?.rawValue == "FL011")
            try sessionA.execute(script: "ROLLBACK")
            // Retried, as clients retry 40001: now refused in words.
            let retried = postgresError {
                try sessionA.query("SELECT record_contribution('Bondy', 'HOT', 500, '2026-06-30', NULL, true, 'R1')")
            }
            #expect(retried?.sqlState?.rawValue == "FL011")
            let entries: Int64 = try sessionA.query("SELECT count(*) AS n FROM journal_entries").single().decode("n")
            #expect(entries == 0)
        }
    }

    @Test func closingAFundWaitsForEntriesInFlightThenSeesThem() throws {
        try TestDatabase.with { database in
            let sessionA = try hotFund(database)
            try sessionA.execute(script: "BEGIN")
            try sessionA.query("SELECT record_contribution('Bondy', 'HOT', 100000, '2026-10-01', NULL, true, 'R1')")

            let closing = BackgroundStatement(database: database)
            closing.run { connection in try connection.query("SELECT set_fund_status('HOT', 'closed', '2026-06-30')") }
            usleep(300_000)
            #expect(!closing.finished, "closing must wait for the entry in flight")
            try sessionA.execute(script: "COMMIT")
            let outcome = closing.wait()
            #expect(outcome?.sqlState?.rawValue == "FL020", "\(String(describing: outcome))")
            let status: String = try sessionA.query("SELECT status FROM funds WHERE code = 'HOT'").single().decode("status")
            #expect(status == "open")
        }
    }

    @Test func nothingTouchesAPledgeBeforeItWasVoted() throws {
        try TestDatabase.with { database in
            let writer = try hotFund(database)
            let pledge: Int64 = try writer.query(
                "SELECT id FROM record_pledge('Bondy', 'HOT', 100000, '2026-06-01', 'DCM 1')").single().decode("id")
            let writeOff = postgresError {
                try writer.query("SELECT write_off_pledge(\(pledge), 'trop tôt', '2026-02-01')")
            }
            #expect(writeOff?.sqlState?.rawValue == "FL007")
            let named = postgresError {
                try writer.query("SELECT record_contribution('Bondy', 'HOT', 5000, '2026-05-02', \(pledge), true, 'R1')")
            }
            #expect(named?.sqlState?.rawValue == "FL007")
            // Received before the pledge was voted: a gift without pledge, the pledge still expects everything.
            let applied = try appliedToPledges(writer, "SELECT id FROM record_contribution('Bondy', 'HOT', 5000, '2026-05-02', NULL, true, 'R2')")
            #expect(applied == 0)
            let outstanding: Int64 = try writer.query(
                "SELECT outstanding FROM pledge_status WHERE id = \(pledge)").single().decode("outstanding")
            #expect(outstanding == 100_000)
            // Received after: pays it.
            let later = try appliedToPledges(writer, "SELECT id FROM record_contribution('Bondy', 'HOT', 5000, '2026-06-02', NULL, true, 'R3')")
            #expect(later == 5_000)
        }
    }

    /// Records a contribution, then (the function's rows are visible to the next statement only)
    /// reads what it paid to pledges.
    private func appliedToPledges(_ connection: PostgresConnection, _ statement: String) throws -> Int64 {
        let id: Int64 = try connection.query(PostgresQuery(sql: statement)).single().decode("id")
        return try connection.query("SELECT applied_to_pledges FROM contribution_status WHERE id = \(id)")
            .single().decode("applied_to_pledges")
    }

    @Test(arguments: [
        "SELECT open_fund('INF', 'Fonds', NULL, 'infinity')",
        "SELECT record_contribution('Bondy', 'HOT', 100, '4713-01-01 BC', NULL, true, 'R1')",
        "SELECT record_contribution('Bondy', 'HOT', 100, '1899-12-31', NULL, true, 'R1')",
        "SELECT record_pledge('Bondy', 'HOT', 100, '-infinity', 'P1')",
        "SELECT add_milestone((SELECT id FROM add_project('HOT', 'Partenaire', 'Puits', NULL)), 'Étape', 'infinity', NULL)",
    ])
    func datesTheLedgerCannotReadBackAreRefused(statement: String) throws {
        try TestDatabase.with { database in
            let writer = try hotFund(database)
            let owner = try database.connect()
            try owner.query("SELECT add_partner('Partenaire', NULL)")
            let error = postgresError { try writer.query(PostgresQuery(sql: statement)) }
            #expect(error?.sqlState?.rawValue == "FL017", "\(String(describing: error))")
            // Every read still works.
            let funds: Int64 = try writer.query("SELECT count(*) AS n FROM fund_balances").single().decode("n")
            #expect(funds == 1)
        }
    }

    @Test(arguments: [
        ("Liffr\u{0435}", "Cyrillic e"), ("L\u{0131}ffré", "dotless i"), ("LIFFRÉ", "capitals"),
    ])
    func lookAlikeNamesAreTheSameDonor(name: String, why: String) throws {
        try TestDatabase.with { database in
            let writer = try hotFund(database)
            try writer.query("SELECT add_donor('Liffré', NULL, NULL)")
            let error = postgresError { try writer.query("SELECT add_donor(\(name), NULL, NULL)") }
            #expect(error?.sqlState?.rawValue == "FL012", "\(why)")
            #expect(error?.detail == "Liffré", "\(why)")
        }
    }

    @Test(arguments: [
        "Zo\u{202E}é", "Zo\u{200B}é", "Zo\u{2028}é", "Zo\u{0007}é", " Zoé", "=HYPERLINK(\"http://x\")",
        "+cmd|' /C calc'!A0", "@SUM(1)", String(repeating: "a", count: 501), String(repeating: "é", count: 10_000_000),
    ])
    func textTheLedgerRefusesIsRefusedByTheDatabaseToo(name: String) throws {
        try TestDatabase.with { database in
            let writer = try hotFund(database)
            let error = postgresError { try writer.query("SELECT add_donor(\(name), NULL, NULL)") }
            #expect(error?.sqlState?.rawValue == "FL021", "\(error?.message ?? "accepted")")
            #expect((error?.message.count ?? 0) < 200)
            let donors: Int64 = try writer.query("SELECT count(*) AS n FROM donors").single().decode("n")
            #expect(donors == 1)
        }
    }

    @Test func aConcurrentSecondReversalIsRefusedInWords() throws {
        try TestDatabase.with { database in
            let sessionA = try hotFund(database)
            let entry: Int64 = try sessionA.query("""
                SELECT entry_id FROM record_contribution('Bondy', 'HOT', 100000, '2026-02-01', NULL, true, 'R1')
                """).single().decode("entry_id")
            try sessionA.execute(script: "BEGIN")
            try sessionA.query("SELECT reverse_entry(\(entry), 'doublon', '2026-02-02')")
            let second = BackgroundStatement(database: database)
            second.run { connection in try connection.query("SELECT reverse_entry(\(entry), 'doublon', '2026-02-02')") }
            usleep(200_000)
            try sessionA.execute(script: "COMMIT")
            let outcome = second.wait()
            #expect(outcome?.sqlState?.rawValue == "FL014", "\(String(describing: outcome))")
            #expect(outcome?.message.contains("already reversed") == true)
        }
    }

    @Test func entriesAreStampedWhenWrittenAndImportsSayWhoPostedThem() throws {
        try TestDatabase.with { database in
            let writer = try hotFund(database)
            try writer.execute(script: "BEGIN")
            usleep(50_000)
            try writer.query("SELECT record_contribution('Bondy', 'HOT', 100, '2026-02-01', NULL, true, 'R1')")
            let late: Bool = try writer.query("""
                SELECT recorded_at > now() AS late FROM journal_entries ORDER BY id DESC LIMIT 1
                """).single().decode("late")
            try writer.execute(script: "COMMIT")
            #expect(late)
            let importsHaveDBUser: Int64 = try writer.query("""
                SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'imports' AND column_name = 'db_user'
                """).single().decode("n")
            #expect(importsHaveDBUser == 1)
        }
    }

    /// What a superuser bypassing the triggers could leave: `verify` names it.
    @Test func verifyReportsEntriesAfterClosingAndPledgesBelowZeroOnADay() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let writer = try hotFund(database)
            let pledge: Int64 = try writer.query(
                "SELECT id FROM record_pledge('Bondy', 'HOT', 1000, '2026-06-01', 'DCM 1')").single().decode("id")
            // Settled (a fund expecting pledges cannot close: FL019), then closed.
            try writer.query("SELECT write_off_pledge(\(pledge), 'abandon', '2026-06-15')")
            try writer.query("SELECT set_fund_status('HOT', 'closed', '2026-07-01')")
            let owner = try database.connect()
            try owner.execute(script: """
                SET session_replication_role = replica;
                INSERT INTO journal_entries (fund_id, kind, value_date, description)
                    VALUES ((SELECT id FROM funds WHERE code = 'HOT'), 'contribution', '2026-05-01', 'forged');
                INSERT INTO postings (entry_id, account_id, amount, pledge_id)
                SELECT currval('journal_entries_id_seq'), a.id, CASE a.number WHEN '512000' THEN 500 ELSE -500 END,
                       CASE a.number WHEN '441700' THEN \(pledge) END
                  FROM accounts a WHERE a.fund_id = (SELECT id FROM funds WHERE code = 'HOT')
                   AND a.number IN ('512000', '441700');
                INSERT INTO journal_entries (fund_id, kind, value_date, description)
                    VALUES ((SELECT id FROM funds WHERE code = 'HOT'), 'contribution', '2026-08-01', 'after closing');
                """)
            let problems = try owner.query("SELECT problem FROM verify_ledger()").map { try $0.decode("problem", as: String.self) }
            #expect(problems.contains("entry dated after its fund closed"), "\(problems)")
            #expect(problems.contains("pledge outstanding below zero on a day"), "\(problems)")
        }
    }

    @Test func achievingAMilestoneNeedsARealDay() throws {
        try TestDatabase.with { database in
            let writer = try hotFund(database)
            let owner = try database.connect()
            try owner.query("SELECT add_partner('Partenaire', NULL)")
            let milestone: Int64 = try writer.query("""
                SELECT id FROM add_milestone((SELECT id FROM add_project('HOT', 'Partenaire', 'Puits', NULL)),
                                             'Étape', '2026-03-01', NULL)
                """).single().decode("id")
            for day in ["NULL", "'1900-01-01'", "(ledger_today() + 1)"] {
                let error = postgresError { try writer.query(PostgresQuery(sql: "SELECT achieve_milestone(\(milestone), \(day))")) }
                #expect(error?.sqlState?.rawValue == "FL020", "achieved on \(day)")
            }
            let achieved: Int64 = try writer.query(
                "SELECT count(*) AS n FROM milestones WHERE achieved_on IS NOT NULL").single().decode("n")
            #expect(achieved == 0)
        }
    }
}

/// A statement run on a writer's connection in a thread of its own, to see whether it waits.
final class BackgroundStatement: @unchecked Sendable {
    private let database: TestDatabase
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var error: PostgresError?
    private var isFinished = false

    init(database: TestDatabase) { self.database = database }

    func run(_ body: @escaping @Sendable (PostgresConnection) throws -> Void) {
        let database = self.database
        Thread { [self] in
            var failure: PostgresError?
            do {
                try body(try database.connect(granted: "fundledger_writer"))
            } catch let error as PostgresError {
                failure = error
            } catch {}
            lock.withLock { self.error = failure; isFinished = true }
            done.signal()
        }.start()
    }

    var finished: Bool { lock.withLock { isFinished } }

    /// Waits (30 s at most) and returns the statement's error, nil when it succeeded.
    func wait() -> PostgresError? {
        _ = done.wait(timeout: .now() + 30)
        return lock.withLock { error }
    }
}
