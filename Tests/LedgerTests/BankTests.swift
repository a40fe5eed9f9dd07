import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// Jepsen's bank test, adapted, through the library: 16 writers (`LedgerService` over a pool of
/// 16 connections, as a login role granted `fundledger_writer`) make seeded random operations
/// (see `BankWorkload`), then `BankCheck` holds every answer against the database.
///
/// Short here (`FUNDLEDGER_BANK_OPS`, 2 000 by default); `scripts/soak` runs it long. The seed
/// is printed, and in the failure: `FUNDLEDGER_SEED=… scripts/test --filter BankTests` replays it.
///
/// How it fails: a double post is two rows with one tag (check 3) and a bank total above what
/// the answers add up to (check 6); a lost write, no row; an idempotent retry that wrote again,
/// a second row and a second key; an overdraw, a day below zero (check 2) and `verify`.
@Suite struct BankTests {
    @Test func bankInvariantHoldsUnderConcurrentLibraryWriters() async throws {
        let run = BankRun.fromEnvironment(defaultOperations: 2_000)
        print(run)
        try await TestDatabase.with { database in
            let ledger = try {
                let store = try database.store()
                defer { store.connection.close() }
                return try BankLedger.setUp(store)
            }()
            let pool = PostgresConnectionPool(conninfo: try database.loginURL(granted: "fundledger_writer"),
                                              size: run.writers)
            let started = ContinuousClock.now
            let log = await BankWorkload.run(run, ledger: ledger, driver: LibraryBankDriver(service: LedgerService(pool: pool)))
            let elapsed = ContinuousClock.now - started
            try await pool.shutdown()
            print("\(run)\nlibrary: \(log.summary)\nin \(elapsed)")

            let owner = try database.connect()
            defer { owner.close() }
            let problems = try BankCheck.problems(log, ledger: ledger, connection: owner)
            #expect(problems.isEmpty, "\(run)\n\(log.summary)\n\(problems.joined(separator: "\n"))\nevery request and answer: \(problems.isEmpty ? "-" : log.dump("bank-library", seed: run.seed))")
            #expect(BankCheck.unmet(log).isEmpty, "\(run)\n\(log.summary)\n\(BankCheck.unmet(log))")
            // Written as the login role, never as the schema's owner.
            let asOwner = try owner.query("""
                SELECT count(*) AS n FROM journal_entries WHERE recorded_by LIKE 'bank:w%' AND db_user = current_user
                """).single().decode("n", as: Int64.self)
            #expect(asOwner == 0, "entries written as the schema's owner")
        }
    }
}
