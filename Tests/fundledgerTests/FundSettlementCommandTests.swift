import Foundation
import Postgres
import Testing
import TestSupport

/// `fundledger fund reallocate|refund|settlements` on the demo's closing TURQUIE fund (3 000,00 €
/// left): refused closing first, then settled and closed, in one line each; refusals leave the
/// ledger as it was.
@Suite("fund reallocate and refund")
struct FundSettlementCommandTests {
    @Test func theDemosClosingFundIsSettledThenClosed() throws {
        try TestDatabase.with { database in
            try CLI(database: database).ok("demo")
            let cli = CLI(database: database, role: "fundledger_writer")
            let counts = try ledgerSnapshot(try database.connect())
            let refusals: [([String], Int32, String)] = [
                (["fund", "close", "TURQUIE"], 75, "fundledger fund refund"),
                (["fund", "reallocate", "TURQUIE", "--to", "TURQUIE", "--agreement", "AG-1", "--agreed-on", "2026-10-01"], 65, "lui-même"),
                (["fund", "reallocate", "TURQUIE", "--to", "MAROC", "--amount", "3000,01", "--agreement", "AG-1", "--agreed-on", "2026-10-01"], 75, "3 000,00"),
                (["fund", "reallocate", "TURQUIE", "--to", "NOWHERE", "--agreement", "AG-1", "--agreed-on", "2026-10-01"], 66, "NOWHERE"),
                (["fund", "refund", "TURQUIE", "--decision", "CA-1", "--decided-on", "not-a-date"], 65, "--decided-on"),
            ]
            for (arguments, status, fragment) in refusals {
                let outcome = try cli.run(arguments)
                #expect(outcome.status == status && outcome.errorLines.count == 1, "\(arguments): \(outcome.status) \(outcome.stderr)")
                #expect(outcome.stderr.replacingOccurrences(of: "\u{202F}", with: " ").contains(fragment), "\(outcome.stderr)")
            }
            #expect(try ledgerSnapshot(try database.connect()) == counts)

            let moved = try cli.ok("fund", "reallocate", "TURQUIE", "--to", "MAROC", "--amount", "1000",
                                   "--agreement", "AG-2026-07", "--agreed-on", "2026-10-02", "--on", "2026-11-02")
            #expect(moved.hasPrefix("Réaffectation n° 1\u{00A0}: 1\u{202F}000,00\u{00A0}€ du fonds TURQUIE au fonds MAROC"), "\(moved)")
            let refund = try cli.ok("fund", "refund", "TURQUIE", "--decision", "CA-2026-11", "--decided-on", "2026-11-05",
                                    "--on", "2026-11-06", "--format", "csv")
            // The shares, read back from the CSV, add up to what the fund held.
            let shares = refund.split(separator: "\n").dropFirst(2).map { line in
                Int64(line.split(separator: ",").last!.replacingOccurrences(of: ".", with: ""))!
            }
            #expect(shares.count == 4 && shares.reduce(0, +) == 200_000, "\(refund)")
            #expect(try cli.ok("fund", "close", "TURQUIE").hasPrefix("Fonds TURQUIE"))
            let listed = try cli.ok("fund", "settlements", "--format", "csv")
            #expect(listed.split(separator: "\n").count == 3 && listed.contains("AG-2026-07") && listed.contains("CA-2026-11"), "\(listed)")
            let balances = try cli.ok("balances", "--fund", "TURQUIE", "--format", "json")
            #expect(balances.contains("\"reallocated_out_cents\": 100000") && balances.contains("\"refunded_cents\": 200000"), "\(balances)")
            #expect(try cli.ok("verify").contains("no difference"))
        }
    }
}
