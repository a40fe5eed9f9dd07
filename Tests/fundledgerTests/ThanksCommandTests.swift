import Foundation
import Ledger
import Testing
import TestSupport

/// `fundledger thanks` and `fundledger fund set-thanks` against the newsletter's sentences.
@Suite("Thanks as the newsletter writes them")
struct ThanksCommandTests {
    @Test func gazaAndVietnamAsTheNewsletterPrintsThem() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("demo")
            let gaza = try cli.ok("thanks", "--fund", "GAZA").trimmingCharacters(in: .newlines)
            #expect(gaza == Newsletter.gazaThanks)
            // Character for character with the printed sentence, but for the two stated edits.
            #expect(Newsletter.untypeset(gaza)
                    == Newsletter.printedGaza.replacingOccurrences(of: "Liffre,", with: "Liffré,")
                        .replacingOccurrences(of: "Sarcelles, Strasbourg", with: "Sarcelles et Strasbourg"))
            let vietnam = try cli.ok("thanks", "--fund", "VIETNAM", "--pledged", "--format", "markdown")
                .trimmingCharacters(in: .newlines)
            #expect(vietnam == Newsletter.vietnamThanksMarkdown)
            #expect(Newsletter.untypeset(vietnam) == Newsletter.printedVietnam)
            // The order option overrides the stored one; --no-bold the stored bold.
            let alphabetical = try cli.ok("thanks", "--fund", "VIETNAM", "--pledged", "--format", "markdown",
                                          "--order", "alphabetical", "--no-bold")
            #expect(alphabetical.contains("accordent\u{00A0}: Cergy, Grand Poitiers, Le Havre, Liffré, Rennes et Saint-Calais."))
            // HTML: bold, escaped, typeset.
            let html = try cli.ok("thanks", "--fund", "VIETNAM", "--pledged", "--format", "html")
            #expect(html.contains("accordent\u{00A0}: <strong>Cergy, Rennes, Grand Poitiers, Saint-Calais, Le Havre et Liffré</strong>.</p>"))
            #expect(html.hasPrefix("<p class=\"thanks\">CUF souhaite d\u{2019}ores"))
            // Every output of the command is in French typography.
            for output in [gaza, vietnam, alphabetical, html] {
                #expect(FrenchTypography.violations(in: output).isEmpty, "\(output)")
                #expect(!output.contains(" :"))
                #expect(!output.contains("'"))
            }
        }
    }

    @Test func setThanksStoresTheTemplateTheOrderAndBold() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "VIETNAM", "--name", "Fonds Vietnam", "--opened-on", "2025-11-10")
            // Recorded out of date order: the first commitment, not the recording, decides.
            for (name, day) in [("Rennes", "14"), ("Cergy", "12"), ("Grand Poitiers", "15"), ("Saint-Calais", "22"),
                                ("Le Havre", "27"), ("Liffré", "29")] {
                try cli.ok("donor", "add", name)
                try cli.ok("pledge", "add", "--donor", name, "--fund", "VIETNAM", "--amount", "1000", "--on", "2026-01-\(day)")
            }
            // Without a stored sentence: the default one, in French order.
            #expect(try cli.ok("thanks", "--fund", "VIETNAM", "--pledged")
                    .contains("initiative\u{00A0}: Cergy, Grand Poitiers, Le Havre, Liffré, Rennes et Saint-Calais."))
            let said = try cli.ok("fund", "set-thanks", "VIETNAM", "--pledged", "--template", Newsletter.vietnamTemplate,
                                  "--order", "first-commitment", "--bold")
            #expect(said.contains("ordre du premier engagement"))
            #expect(try cli.ok("thanks", "--fund", "VIETNAM", "--pledged").trimmingCharacters(in: .newlines)
                    == Newsletter.vietnamThanks)
            #expect(try cli.ok("thanks", "--fund", "VIETNAM", "--pledged", "--format", "markdown")
                .trimmingCharacters(in: .newlines) == Newsletter.vietnamThanksMarkdown)
            // A period: only those who came forward in it, still in their order.
            #expect(try cli.ok("thanks", "--fund", "VIETNAM", "--pledged", "--since", "2026-01-14", "--until", "2026-01-22")
                    .contains("accordent\u{00A0}: Rennes, Grand Poitiers et Saint-Calais."))
            // The sentence for contributors is another: nobody gave, in French.
            let nobody = try cli.run("thanks", "--fund", "VIETNAM")
            #expect(nobody.status != 0)
            #expect(nobody.stderr.contains("le fonds VIETNAM n’a reçu aucun versement\u{00A0}: personne à remercier"),
                    "\(nobody.stderr)")
        }
    }

    @Test func templatesAreChecked() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("fund", "add", "MAROC", "--name", "Fonds Maroc", "--opened-on", "2023-09-15")
            let unknown = try cli.run("fund", "set-thanks", "MAROC", "--template", "Merci à {nom} : {names}.")
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("champ inconnu « {nom} »"), "\(unknown.stderr)")
            let noNames = try cli.run("fund", "set-thanks", "MAROC", "--template", "Merci à toutes et à tous.")
            #expect(noNames.status != 0)
            #expect(noNames.stderr.contains("{names} une fois"), "\(noNames.stderr)")
            let lone = try cli.run("fund", "set-thanks", "MAROC", "--template", "Merci {names} }")
            #expect(lone.status != 0)
            // {audience} needs the fund's audience (MAROC has none): refused by the database.
            let audience = try cli.run("fund", "set-thanks", "MAROC", "--template", "Merci envers {audience} : {names}.")
            #expect(audience.status != 0)
            #expect(audience.stderr.contains("n’a pas de public"), "\(audience.stderr)")
            let order = try cli.run("fund", "set-thanks", "MAROC", "--order", "random")
            #expect(order.status != 0)
            // {count} and a stored default.
            try cli.ok("donor", "add", "Grenoble")
            try cli.ok("donor", "add", "Évry")
            for name in ["Grenoble", "Évry"] {
                try cli.ok("contribution", "add", "--donor", name, "--fund", "MAROC", "--amount", "100", "--on", "2026-01-10")
            }
            try cli.ok("fund", "set-thanks", "MAROC", "--template", "Merci aux {count} collectivités ! Merci à {names}.")
            #expect(try cli.ok("thanks", "--fund", "MAROC").trimmingCharacters(in: .newlines)
                    == "Merci aux 2 collectivités\u{202F}! Merci à Évry et Grenoble.")
        }
    }
}
