import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// Aggregates that do not add up stop the report, and what it refuses.
extension QuarterlyReportTests {
    /// A cached balance that is not the sum of its daily totals stops the report, with one line
    /// telling to run `fundledger verify` (the figures no longer come from the cache, so nothing
    /// else would show it).
    @Test func aCorruptedCachedBalanceStopsTheReport() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            let q1 = Quarter(parsing: "2026-Q1")!
            let before = try QuarterlyReportQuery(connection: c).report(quarter: q1)
            // Only a superuser who disables the triggers can corrupt the cache.
            try c.execute(script: """
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                UPDATE accounts SET balance = balance + 7 WHERE number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                """)
            #expect(try !ledgerProblems(dataset.store).isEmpty)
            for (quarter, fund) in [(q1, nil), (q1, "GAZA"), (q1, "MAROC"), (Quarter(parsing: "2025-Q4")!, "GAZA")] as [(Quarter, String?)] {
                let error = try #require(throws: ReportError.self) {
                    _ = try QuarterlyReportQuery(connection: c).report(quarter: quarter, fund: fund)
                }
                #expect(error.description.contains("fundledger verify"), "\(error)")
                #expect(!error.description.contains("\n"), "\(error)")
                #expect(error.description.hasPrefix("fonds \(fund ?? "GAZA")\u{00A0}:"), "\(error)")
            }
            // The opening and closing balances never came from the cache: put it right and the
            // report is the same as before.
            try c.execute(script: """
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                UPDATE accounts SET balance = balance - 7 WHERE number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                """)
            let after = try QuarterlyReportQuery(connection: c).report(quarter: q1)
            #expect(after.funds.map(\.figures) == before.funds.map(\.figures))
        }
    }

    /// Daily totals on the bank account that are neither contributions nor disbursements (cache
    /// kept in step, so only the closing check can see them): closing ≠ opening + received −
    /// disbursed stops the report.
    @Test func aClosingBalanceThatDoesNotAddUpStopsTheReport() throws {
        // The planted daily totals stay: verify_ledger() reports them at the end, as it should.
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            try c.execute(script: """
                ALTER TABLE account_daily_totals DISABLE TRIGGER account_daily_totals_derived;
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                INSERT INTO account_daily_totals (account_id, day, kind, debits, credits)
                SELECT a.id, '2026-02-01', 'pledge', 5, 0 FROM accounts a JOIN funds f ON f.id = a.fund_id
                 WHERE f.code = 'GAZA' AND a.number = '512000';
                UPDATE accounts a SET balance = balance + 5 FROM funds f
                 WHERE f.id = a.fund_id AND f.code = 'GAZA' AND a.number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                ALTER TABLE account_daily_totals ENABLE TRIGGER account_daily_totals_derived;
                """)
            let error = try #require(throws: ReportError.self) {
                _ = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            }
            #expect(error.description.hasPrefix("fonds GAZA\u{00A0}: les totaux journaliers donnent un solde de clôture de"), "\(error)")
            #expect(error.description.contains("fundledger verify") && !error.description.contains("\n"))
            // The quarters around it are not touched by that day.
            _ = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2025-Q4")!)
            _ = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q2")!)
        }
    }


    @Test func refusals() throws {
        #expect(Quarter(parsing: "2026-Q5") == nil)
        #expect(Quarter(parsing: "2026-Q0") == nil)
        #expect(Quarter(parsing: "2026Q1") == nil)
        #expect(Quarter(parsing: "26-Q1") == nil)
        #expect(Quarter(parsing: "2026-q4")?.end == CalendarDate(iso: "2026-12-31"))
        #expect(Quarter(parsing: "2028-Q1")?.end == CalendarDate(iso: "2028-03-31"))
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let error = ledgerError {
                _ = try QuarterlyReportQuery(connection: try database.connect()).report(quarter: Quarter(parsing: "2026-Q1")!, fund: "GAZZA")
            }
            #expect(error?.kind == .notFound)
            #expect(error?.suggestions == ["GAZA"])
        }
        // An unwritable destination is refused before anything is written.
        #expect(throws: ReportError.self) { try AtomicFile.write("x", to: "/nonexistent-folder/report.html") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try AtomicFile(path: folder.appendingPathComponent("r.html").path)
        try file.write("half")
        file.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        try AtomicFile.write("whole", to: folder.appendingPathComponent("r.html").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.html"])
    }
}
