import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// `fundledger year-end` on the demo's three closed years: the fonds dédiés make each year's result
/// the unrestricted one (zero: every euro of a fund is restricted), releases match the grants
/// paid, money figures do not move, a second run changes nothing.
@Suite("year-end: fonds dédiés")
struct YearEndCommandTests {
    /// A sum in cents from an SQL statement written by the test (NULL is 0).
    static func cents(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> Int64 {
        try connection.query(query).single().decode(Int64?.self, at: 0) ?? 0
    }

    /// The association's result for `year` from the postings on classes 6 and 7 (credits positive).
    static func result(_ c: PostgresConnection, _ year: Int, includingYearEnd: Bool) throws -> Int64 {
        -(try Self.cents(c, """
            SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id
              JOIN journal_entries e ON e.id = p.entry_id
             WHERE a.number ~ '^[67]' AND extract(year FROM e.value_date) = \(year)
               AND (\(includingYearEnd) OR e.kind <> 'dedicated_funds')
            """))
    }

    @Test func eachYearsResultIsTheUnrestrictedOneAndMoneyDoesNotMove() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("demo")
            let c = try database.connect(granted: "fundledger_reader")
            defer { c.close() }
            // The timing of the funds, as the accountant saw it: +121 000, −40 000, +32 000.
            #expect(try [2023, 2024, 2025].map { try Self.result(c, $0, includingYearEnd: false) }
                    == [12_100_000, -4_000_000, 3_200_000])
            let balances = try cli.ok("balances", "--format", "csv")
            let quarterly = try cli.ok("report", "quarterly", "--quarter", "2025-Q4", "--format", "json")

            for year in [2023, 2024, 2025] {
                let out = try cli.ok("year-end", "--year", String(year), "--format", "csv")
                #expect(out.hasPrefix("fund,opening,added,used,transferred,closing\n"), "\(out)")
            }
            #expect(try [2023, 2024, 2025].map { try Self.result(c, $0, includingYearEnd: true) } == [0, 0, 0])
            // What 2024 used is what TURQUIE paid its partners in 2024.
            let paid2024 = try Self.cents(c, """
                SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '657000'
                  JOIN journal_entries e ON e.id = p.entry_id WHERE extract(year FROM e.value_date) = 2024
                """)
            let table2024 = try LedgerReader(connection: c).dedicatedFunds(year: 2024)
            #expect(table2024.reduce(Money.zero) { $0 + $1.used } == Money(cents: paid2024))
            #expect(table2024.allSatisfy { $0.closing == $0.opening + $0.added - $0.used })
            // Accounting, not cash: money figures are the same.
            #expect(try cli.ok("balances", "--format", "csv") == balances)
            #expect(try cli.ok("report", "quarterly", "--quarter", "2025-Q4", "--format", "json") == quarterly)

            // Again: nothing changes, and it says so.
            let before = try ledgerSnapshot(try database.connect())
            let again = try cli.ok("year-end", "--year", "2025")
            #expect(again.contains("déjà clos") && again.contains("113\u{202F}000,00\u{00A0}€"), "\(again)")
            #expect(try ledgerSnapshot(try database.connect()) == before)
            // The year is closed: nothing more dated in it.
            let late = try cli.run("contribution", "add", "--donor", "Lille", "--fund", "GAZA", "--amount", "10", "--on", "2025-12-31")
            #expect(late.status == 75 && late.errorLines.count == 1)
            // A year not over is refused, in one line.
            let current = try cli.run("year-end", "--year", "2026")
            #expect(current.status == 65 && current.errorLines.count == 1 && current.stderr.contains("2026"), "\(current.stderr)")
            // The next year's FEC opens with the fonds dédiés as they stood (194, a credit).
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ye-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try cli.ok("export", "fec", "--year", "2026", "--encoding", "utf-8", "--siren", "775663438", "--output-dir", folder.path)
            let fec = try String(contentsOf: folder.appendingPathComponent("775663438FEC20261231.txt"), encoding: .utf8)
            #expect(fec.contains("AN\tÀ-nouveaux\t1\t20260101\t194000GAZA\tFonds dédiés sur subventions GAZA\t\t\tAN2026\t20260101\t[GAZA] Report à nouveau au 1er janvier 2026\t0,00\t60000,00"), "\(fec.prefix(2000))")
        }
    }

    @Test func aPeriodClosedWithoutYearEndIsSaidSo() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("demo")
            try cli.ok("period", "close", "--through", "2025-12-31")
            let refused = try cli.run("year-end", "--year", "2025")
            #expect(refused.status == 75 && refused.errorLines.count == 1 && refused.stderr.contains("déjà clos"), "\(refused.stderr)")
        }
    }
}
