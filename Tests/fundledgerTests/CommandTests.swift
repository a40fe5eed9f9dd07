import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

@Suite("fundledger commands, end to end")
struct CommandTests {
    @Test func aFinanceOfficersDay() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            #expect(try CLI(database: database, role: nil).ok("migrate").contains("already up to date"))
            #expect(try cli.ok("fund", "add", "gaza", "--name", "Fonds Gaza", "--opened-on", "2023-11-01",
                               "--audience", "la population gazaouie").contains("GAZA"))
            #expect(try cli.ok("fund", "list").contains("Fonds Gaza"))
            #expect(try cli.ok("donor", "add", "Liffré", "--kind", "commune", "--siren", "213501381").contains("Liffré"))
            try cli.ok("donor", "add", "Rennes")
            #expect(try cli.ok("donor", "list").contains("213501381"))
            let pledge = try cli.ok("pledge", "add", "--donor", "Rennes", "--fund", "GAZA", "--amount", "5 000",
                                    "--on", "2026-01-20", "--reference", "Délib. 2026-014")
            #expect(pledge.contains("5\u{202F}000,00\u{00A0}€"))
            let contribution = try cli.ok("contribution", "add", "--donor", "rennes", "--fund", "GAZA",
                                          "--amount", "6 000,00 €", "--on", "03/02/2026", "--reference", "VIR-1")
            #expect(contribution.contains("6\u{202F}000,00\u{00A0}€"))
            #expect(contribution.contains("5\u{202F}000,00\u{00A0}€ sur promesse"))
            try cli.ok("contribution", "add", "--donor", "Liffre", "--fund", "GAZA", "--amount", "1500.5", "--on", "2026-02-10")
            #expect(try cli.ok("contribution", "list", "--fund", "GAZA", "--from", "2026-02-05").contains("Liffré"))
            #expect(try cli.ok("pledge", "list", "--fund", "GAZA").contains("Délib. 2026-014"))
            try cli.ok("partner", "add", "Super Novae", "--country", "PS")
            #expect(try cli.ok("partner", "list").contains("Super Novae"))
            #expect(try cli.ok("project", "add", "--fund", "GAZA", "--partner", "super novae",
                               "--title", "Distribution d'eau potable", "--budget", "30 000").contains("n° 1"))
            #expect(try cli.ok("project", "list").contains("Distribution d'eau potable"))
            try cli.ok("milestone", "add", "--project", "1", "--title", "Premiers camions", "--due", "2026-03-31",
                       "--tranche", "4 000")
            #expect(try cli.ok("milestone", "achieve", "1", "--on", "2026-03-15").contains("15 mars 2026"))
            #expect(try cli.ok("milestone", "list").contains("Premiers camions"))
            #expect(try cli.ok("disbursement", "add", "--project", "1", "--amount", "4 000", "--on", "2026-03-20",
                               "--milestone", "1").contains("4\u{202F}000,00\u{00A0}€"))
            let paid = try cli.ok("disbursement", "list", "--fund", "GAZA", "--format", "csv")
            #expect(paid.contains("4000.00") && paid.contains("2026-03-20"))
            #expect(try cli.ok("balances", "--fund", "GAZA").contains("ouvert"))
            #expect(try cli.ok("balances", "--fund", "GAZA", "--format", "json").contains("\"status\": \"open\""))
            let balances = try cli.ok("balances", "--fund", "GAZA", "--format", "csv")
            #expect(balances.contains("7500.50"))   // received
            #expect(balances.contains("3500.50"))   // available
            // Liffré's contribution (entry 3) is corrected by reversal; both stay, the balance drops.
            let store = try database.store()
            let liffre = try store.reader.contributions(donor: "Liffré")[0]
            #expect(try cli.ok("entry", "reverse", String(liffre.entryID), "--reason", "doublon", "--on", "2026-03-25")
                .contains(String(liffre.entryID)))
            #expect(try store.reader.balances(fund: "GAZA")[0].available == Money(cents: 200_000))
            let writeOff = try cli.run("pledge", "write-off", "1", "--reason", "déjà soldée")
            #expect(writeOff.status == 75)  // pledgeState: the pledge is fulfilled: nothing to write off
            try cli.ok("pledge", "add", "--donor", "Liffré", "--fund", "GAZA", "--amount", "100", "--on", "2026-03-01")
            try cli.ok("pledge", "cancel", "2", "--reason", "retirée", "--on", "2026-03-26")
            // A fund cannot close before its last entry.
            #expect(try cli.run("fund", "close", "GAZA", "--on", "2026-03-01").status == 65)
            #expect(try cli.ok("fund", "show", "GAZA").contains("GAZA"))
            #expect(try cli.ok("donor", "show", "Rennes").contains("Rennes"))
            // Money never vanishes with a fund: it closes once its 2 000,00 € are paid out.
            let holding = try cli.run("fund", "close", "GAZA", "--on", "2026-06-30")
            #expect(holding.status == 75 && holding.stderr.contains("2\u{202F}000,00\u{00A0}€"), "\(holding.stderr)")
            try cli.ok("disbursement", "add", "--project", "1", "--amount", "2 000", "--on", "2026-04-02")
            #expect(try cli.ok("fund", "close", "GAZA", "--on", "2026-06-30").contains("GAZA"))
            #expect(try cli.ok("verify").contains("no difference"))
        }
    }

    @Test func idempotentRetriesFromTheCommandLine() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "GAZA", "--name", "Fonds Gaza", "--opened-on", "2023-11-01")
            try cli.ok("donor", "add", "Bondy")
            let arguments = ["contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "250",
                             "--on", "2026-02-03", "--idempotency-key", "bank-line-77"]
            let first = try cli.run(arguments)
            let second = try cli.run(arguments)
            #expect(first.status == 0 && second.status == 0)
            #expect(first.stdout == second.stdout)
            let connection = try database.connect()
            #expect(try rowCount(connection, "contributions") == 1)
            var changed = arguments
            changed[7] = "260"
            let conflict = try cli.run(changed)
            #expect(conflict.status == 73)  // idempotencyConflict
            #expect(conflict.errorLines.count == 1)
            #expect(conflict.stderr.contains("bank-line-77"))
            #expect(try rowCount(connection, "contributions") == 1)
        }
    }

    @Test func listingsInEveryFormat() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "GAZA", "--name", "Fonds Gaza", "--opened-on", "2023-11-01")
            try cli.ok("donor", "add", "Région Occitanie", "--kind", "region")
            try cli.ok("contribution", "add", "--donor", "Région Occitanie", "--fund", "GAZA",
                       "--amount", "12 345,67", "--on", "2026-01-15")
            let table = try cli.ok("donors", "--fund", "GAZA")
            #expect(table.contains("12\u{202F}345,67\u{00A0}€"))
            let markdown = try cli.ok("donors", "--fund", "GAZA", "--format", "markdown")
            #expect(markdown.contains("| Région Occitanie |"))
            #expect(markdown.contains("12\u{202F}345,67\u{00A0}€"))
            let csv = try cli.ok("donors", "--fund", "GAZA", "--format", "csv")
            #expect(csv.contains("12345.67"))
            #expect(!csv.contains("\u{202F}"))
            let json = try cli.ok("donors", "--fund", "GAZA", "--format", "json")
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
            #expect(parsed?.count == 1)
            let row = parsed?.first ?? [:]
            // The JSON policy: integer cents and French text, never a decimal string.
            #expect(row["received_cents"] as? Int == 1_234_567)
            #expect(row["received_formatted"] as? String == "12\u{202F}345,67\u{00A0}€")
            #expect(!row.values.contains { ($0 as? String) == "12345.67" })
            #expect(row["received"] == nil)
        }
    }
}
