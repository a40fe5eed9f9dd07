import Ledger
import Postgres
import Testing
import TestSupport

/// Every refusal: non-zero exit, one line on standard error naming what and where, and the
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
            #expect(outcome.status != 0)
            #expect(outcome.errorLines.count == 1, "stderr: \(outcome.stderr)")
            #expect(outcome.stderr.contains("--amount"))
            #expect(outcome.stderr.contains("\"\(amount)\""))
            #expect(try ledgerSnapshot(database.connect()) == before)
        }
    }

    @Test(arguments: [
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-30"], "2026-02-30"),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "31/04/2026"], "31/04/2026"),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-2-3"],
         "expected a date such as 2026-01-20 or 20/01/2026"),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "0001-01-01"], "year out of range"),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "9999-12-31"], "year out of range"),
        (["contribution", "add", "--donor", "Lifre", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03"], "Liffré"),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZZA", "--amount", "10", "--on", "2026-02-03"], "GAZA"),
        (["donor", "add", "LIFFRE"], "Liffré"),
        (["donor", "add", "Saint\u{0007}Calais"], "control"),
        (["donor", "add", "   "], "empty"),
        (["donor", "add", "Saint\u{200B}Calais"], "invisible characters are not allowed"),
        (["donor", "add", "\u{FEFF}Rennes"], "invisible characters are not allowed"),
        (["donor", "add", "Rennes\u{202E}"], "invisible characters are not allowed"),
        (["disbursement", "add", "--project", "1", "--amount", "3 000,01", "--on", "2026-03-01"], "GAZA"),
        (["disbursement", "add", "--project", "99", "--amount", "10", "--on", "2026-03-01"], "99"),
        (["pledge", "add", "--donor", "Bondy", "--fund", "TURQUIE", "--amount", "10", "--on", "2026-03-01"], "TURQUIE"),
        (["entry", "reverse", "1", "--reason", "x"], "spent"),
        (["fund", "add", "gaza", "--name", "Encore Gaza", "--opened-on", "2023-11-01"], "GAZA"),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03",
          "--pledge", "1", "--no-pledge"], "--no-pledge"),
        // The ledger cleans the text; the message names the option (or argument) typed.
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03",
          "--reference", "=1+1"], "error: --reference \"=1+1\": must not begin with ="),
        (["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03",
          "--idempotency-key", "k\u{200B}"], "error: --idempotency-key"),
        (["donor", "add", "=HYPERLINK(\"https://example.org\")"], "error: name \"=HYPERLINK"),
        (["donor", "add", String(repeating: "a", count: 10_000)], "at most 200 characters"),
        (["fund", "add", "G", "--name", "Fonds G"], "error: code \"G\""),
        (["fund", "add", "MAROC", "--name", "@Maroc"], "error: --name \"@Maroc\""),
        (["project", "add", "--fund", "GAZA", "--partner", "Super Novae", "--title", "+Eau"], "error: --title"),
        (["entry", "reverse", "1", "--reason", String(repeating: "x", count: 501)], "error: --reason"),
        (["pledge", "list", "--donor", "Bon\u{0007}dy"], "error: --donor"),
        (["donor", "show", "Bon\u{2028}dy"], "error: name"),
        (["thanks", "--fund", "GA\u{200B}ZA"], "error: --fund"),
        (["statement", "--donor", "Bondy\u{202E}"], "error: --donor"),
    ] as [([String], String)])
    func refuses(arguments: [String], mentioning: String) throws {
        try TestDatabase.with { database in
            let cli = try seeded(database)
            let before = try ledgerSnapshot(database.connect())
            let outcome = try cli.run(arguments)
            #expect(outcome.status != 0)
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
