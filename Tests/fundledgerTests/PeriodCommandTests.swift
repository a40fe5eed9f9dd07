import Foundation
import Postgres
import Testing
import TestSupport

/// `fundledger period close`, `entry validate` and the refusals staff meet afterwards: one line on
/// standard error, the exit status of a state that forbids it (75), nothing written.
@Suite("period close and entry validate")
struct PeriodCommandTests {
    @Test func closeValidateAndRefuseInOneLine() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("demo")
            #expect(try cli.ok("period", "show") == "Aucune période close.\n")
            let validated = try cli.ok("entries", "validate", "--through", "2024-12-31")
            #expect(validated.hasPrefix("12 écritures validées\u{00A0}: BQ 2023 n° 1 à 8, OD 2023 n° 1 à 2, BQ 2024 n° 1 à 2."), "\(validated)")
            let closed = try cli.ok("period", "close", "--through", "2025-12-31")
            #expect(closed.contains("Comptes clos jusqu’au 31 décembre 2025") && closed.contains("BQ 2025 n° 1 à"), "\(closed)")
            #expect(try cli.ok("period", "close", "--through", "2025-12-31").contains("déjà clos"))
            let counts = try ledgerSnapshot(try database.connect())
            for refused in [["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2025-12-31"],
                            ["period", "close", "--through", "2025-01-31"]] {
                let outcome = try cli.run(refused)
                #expect(outcome.status == 75 && outcome.errorLines.count == 1, "\(refused): \(outcome.status) \(outcome.stderr)")
                #expect(outcome.stderr.contains("clos"), "\(outcome.stderr)")
            }
            let ahead = try cli.run("contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2100-01-01")
            #expect(ahead.status == 65 && ahead.errorLines.count == 1, "\(ahead.stderr)")
            let bad = try cli.run("period", "close", "--through", "2025-13-45")
            #expect(bad.status != 0 && bad.errorLines.count == 1 && bad.stderr.contains("--through"), "\(bad.stderr)")
            #expect(try ledgerSnapshot(try database.connect()) == counts)
            // A reader cannot close.
            let reader = CLI(database: database, role: "fundledger_reader")
            #expect(try reader.run("period", "close", "--through", "2026-01-31").status != 0)
            let shown = try reader.ok("period", "show")
            #expect(shown.hasPrefix("Comptes clos jusqu’au 31 décembre 2025 inclus.\n") && shown.contains("- clôture jusqu’au 31 décembre 2025"), "\(shown)")
        }
    }
}
