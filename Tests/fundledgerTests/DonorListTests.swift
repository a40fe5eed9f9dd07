import Ledger
import Testing
import TestSupport

@Suite("Donor lists and newsletter thanks")
struct DonorListTests {
    @Test func namesSortAsAFrenchReaderExpectsWhateverTheEntryOrder() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "GAZA", "--name", "Fonds Gaza", "--opened-on", "2023-11-01")
            let names = ["Rennes", "Eybens", "Région Occitanie", "Évry", "ivry-sur-Seine", "Indre", "Élancourt", "Ecully"]
            var generator = SystemRandomNumberGenerator()
            for name in names.shuffled(using: &generator) {
                try cli.ok("donor", "add", name)
                try cli.ok("contribution", "add", "--donor", name, "--fund", "GAZA", "--amount", "100", "--on", "2026-01-10")
            }
            let expected = ["Ecully", "Élancourt", "Évry", "Eybens", "Indre", "ivry-sur-Seine", "Région Occitanie", "Rennes"]
            let csv = try cli.ok("donor", "list", "--format", "csv")
            let listed = csv.split(separator: "\n").dropFirst().compactMap { line in
                expected.first { line.contains($0) }
            }
            #expect(listed == expected)
            let thanks = try cli.ok("thanks", "--fund", "GAZA")
            #expect(thanks.contains("Ecully, Élancourt, Évry, Eybens, Indre, ivry-sur-Seine, Région Occitanie et Rennes."))
        }
    }

    @Test func gazaThanksNameThe27DonorsInTheNewslettersOrder() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "GAZA", "--name", "Fonds Gaza", "--opened-on", "2023-11-01",
                       "--audience", "la population gazaouie")
            var generator = SystemRandomNumberGenerator()
            for (index, name) in Newsletter.gazaDonors.shuffled(using: &generator).enumerated() {
                try cli.ok("donor", "add", name)
                try cli.ok("contribution", "add", "--donor", name, "--fund", "GAZA",
                           "--amount", String(1_000 + index * 250), "--on", "2026-02-\(10 + index % 15)")
            }
            let thanks = try cli.ok("thanks", "--fund", "GAZA")
            #expect(thanks.trimmingCharacters(in: .newlines) == Newsletter.gazaThanks)
            // A period thanks only those who gave in it.
            let period = try cli.ok("thanks", "--fund", "GAZA", "--from", "2026-02-10", "--to", "2026-02-10")
            #expect(period.contains("collectivités donatrices") || period.contains("collectivité donatrice"))
            #expect(!period.contains("27"))
        }
    }

    @Test func singularWhenOneDonor() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "MAROC", "--name", "Fonds Maroc", "--opened-on", "2023-09-15")
            try cli.ok("donor", "add", "Grenoble")
            try cli.ok("contribution", "add", "--donor", "Grenoble", "--fund", "MAROC", "--amount", "100", "--on", "2026-01-10")
            let thanks = try cli.ok("thanks", "--fund", "MAROC")
            #expect(thanks.contains("à la collectivité donatrice"))
            #expect(thanks.contains("\u{00A0}: Grenoble."))
        }
    }

    @Test func demoPrintsTheNewslettersThanks() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            let first = try cli.ok("demo")
            #expect(first.localizedCaseInsensitiveContains("illustration"))
            let store = try database.store()
            let snapshot = try ledgerSnapshot(store.connection)
            try cli.ok("demo")   // idempotent
            #expect(try ledgerSnapshot(store.connection) == snapshot)
            #expect(try cli.ok("thanks", "--fund", "GAZA").trimmingCharacters(in: .newlines) == Newsletter.gazaThanks)
            // The demo stores Vietnam's own clause, in the order the collectivités came forward, in bold.
            #expect(try cli.ok("thanks", "--fund", "VIETNAM", "--pledged").trimmingCharacters(in: .newlines)
                    == Newsletter.vietnamThanks)
            let markdown = try cli.ok("thanks", "--fund", "VIETNAM", "--pledged", "--format", "markdown")
                .trimmingCharacters(in: .newlines)
            #expect(markdown == Newsletter.vietnamThanksMarkdown)
            #expect(Newsletter.untypeset(markdown) == Newsletter.printedVietnam)
            #expect(try store.reader.funds().map(\.code) == ["GAZA", "MAROC", "TURQUIE", "VIETNAM"])
            #expect(try store.reader.fund(code: "TURQUIE").status == .closing)
        }
    }
}
