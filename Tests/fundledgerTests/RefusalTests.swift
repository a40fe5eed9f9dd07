import Ledger
import Postgres
import Testing
import TestSupport

/// Every refusal: its exit status (65 invalid input, 66 not found, 73 exists, 75 refused by the
/// ledger's state, 64 usage; see `LedgerError.Kind.exitCode`), one line on standard error naming what and where, and the
/// database exactly as it was.
@Suite("Refusals leave the database unchanged")
struct RefusalTests {
    static let badAmounts = ["", "0", "0,00 €", "-5", "5,123", "5000,123", "1e5", "NaN", "inf", "abc", "12,3,4",
                             "1,234", "1 000 000 000 000,01", "12€34", "5 00",
                             "1.234 567,89", ".5", "5,", "5.", "+5"]

    @Test(arguments: badAmounts)
    func refusesABadAmount(amount: String) throws {
        try TestDatabase.with { database in
            let cli = try seeded(database)
            let before = try ledgerSnapshot(database.connect())
            let outcome = try cli.run("contribution", "add", "--donor", "Bondy", "--fund", "GAZA",
                                      "--amount", amount, "--on", "2026-02-03")
            #expect(outcome.status == 65, "stderr: \(outcome.stderr)")  // EX_DATAERR
            #expect(outcome.errorLines.count == 1, "stderr: \(outcome.stderr)")
            #expect(outcome.stderr.contains("--amount"))
            #expect(outcome.stderr.contains("\"\(amount)\""))
            #expect(try ledgerSnapshot(database.connect()) == before)
        }
    }

    @Test(arguments: [
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-30"], "2026-02-30", 65),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "31/04/2026"], "31/04/2026", 65),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-2-3"],
         "expected a date such as 2026-01-20 or 20/01/2026", 65),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "0001-01-01"], "year out of range", 65),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "9999-12-31"], "year out of range", 65),
        (["contribution", "add", "--donor", "Lifre", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03"], "Liffré", 66),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZZA", "--amount", "10", "--on", "2026-02-03"], "GAZA", 66),
        (["donor", "add", "LIFFRE"], "Liffré", 73),
        (["donor", "add", "Saint\u{0007}Calais"], "control", 65),
        (["donor", "add", "   "], "empty", 65),
        (["donor", "add", "Saint\u{200B}Calais"], "invisible characters are not allowed", 65),
        (["donor", "add", "\u{FEFF}Rennes"], "invisible characters are not allowed", 65),
        (["donor", "add", "Rennes\u{202E}"], "invisible characters are not allowed", 65),
        (["disbursement", "add", "--project", "1", "--amount", "3 000,01", "--on", "2026-03-01"], "GAZA", 75),
        (["disbursement", "add", "--project", "99", "--amount", "10", "--on", "2026-03-01"], "99", 66),
        (["pledge", "add", "--donor", "Bondy", "--fund", "TURQUIE", "--amount", "10", "--on", "2026-03-01"], "TURQUIE", 75),
        (["entry", "reverse", "1", "--reason", "x"], "spent", 75),
        (["fund", "add", "gaza", "--name", "Encore Gaza", "--opened-on", "2023-11-01"], "GAZA", 73),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03",
          "--pledge", "1", "--no-pledge"], "--no-pledge", 64),
        // The ledger cleans the text; the message names the option (or argument) typed.
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03",
          "--reference", "=1+1"], "error: --reference \"=1+1\": must not begin with =", 65),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03",
          "--idempotency-key", "k\u{200B}"], "error: --idempotency-key", 65),
        (["donor", "add", "=HYPERLINK(\"https://example.org\")"], "error: name \"=HYPERLINK", 65),
        (["donor", "add", String(repeating: "a", count: 10_000)], "at most 500 characters", 65),
        (["fund", "add", "G", "--name", "Fonds G"], "error: code \"G\"", 65),
        (["fund", "add", "MAROC", "--name", "@Maroc"], "error: --name \"@Maroc\"", 65),
        (["project", "add", "--fund", "GAZA", "--partner", "Super Novae", "--title", "+Eau"], "error: --title", 65),
        (["entry", "reverse", "1", "--reason", String(repeating: "x", count: 501)], "error: --reason", 65),
        (["pledge", "list", "--donor", "Bon\u{0007}dy"], "error: --donor", 65),
        (["donor", "show", "Bon\u{2028}dy"], "error: name", 65),
        (["thanks", "--fund", "GA\u{200B}ZA"], "error: --fund", 65),
        (["statement", "--donor", "Bondy\u{202E}"], "error: --donor", 65),
    ] as [([String], String, Int32)])
    func refuses(arguments: [String], mentioning: String, status: Int32) throws {
        try TestDatabase.with { database in
            let cli = try seeded(database)
            let before = try ledgerSnapshot(database.connect())
            let outcome = try cli.run(arguments)
            #expect(outcome.status == status, "stderr: \(outcome.stderr)")
            #expect(outcome.errorLines.count == 1, "stderr: \(outcome.stderr)")
            if mentioning == "spent" {
                #expect(outcome.stderr.contains("below zero") || outcome.stderr.contains("holds"), "stderr: \(outcome.stderr)")
            } else {
                #expect(outcome.stderr.contains(mentioning), "stderr: \(outcome.stderr)")
            }
            #expect(try ledgerSnapshot(database.connect()) == before)
        }
    }

    /// GAZA holds 3 000,00 € (Bondy's contribution, entry 1) and has a project; TURQUIE is closing.
    func seeded(_ database: TestDatabase) throws -> CLI {
        let cli = CLI(database: database)
        try cli.ok("fund", "add", "GAZA", "--name", "Fonds Gaza", "--opened-on", "2023-11-01")
        try cli.ok("fund", "add", "TURQUIE", "--name", "Fonds Turquie", "--opened-on", "2023-02-10")
        try cli.ok("fund", "set-status", "TURQUIE", "closing")
        try cli.ok("donor", "add", "Bondy")
        try cli.ok("donor", "add", "Liffré")
        try cli.ok("contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "3000", "--on", "2026-02-01")
        try cli.ok("partner", "add", "Super Novae")
        try cli.ok("project", "add", "--fund", "GAZA", "--partner", "Super Novae", "--title", "Eau")
        try cli.ok("disbursement", "add", "--project", "1", "--amount", "1", "--on", "2026-02-02")
        return cli
    }
}
