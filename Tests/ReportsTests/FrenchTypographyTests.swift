import Ledger
import Testing

@Suite("French typography")
struct FrenchTypographyTests {
    @Test func spacesApostrophesAndGuillemets() {
        #expect(FrenchTypography.apply("envers la population : Bondy.") == "envers la population\u{00A0}: Bondy.")
        #expect(FrenchTypography.apply("Merci ; vraiment ! Pourquoi ?") == "Merci\u{202F}; vraiment\u{202F}! Pourquoi\u{202F}?")
        #expect(FrenchTypography.apply("Note: voir") == "Note\u{00A0}: voir")
        #expect(FrenchTypography.apply("d'ores et déjà") == "d\u{2019}ores et déjà")
        #expect(FrenchTypography.apply("« Diplomates des territoires »") == "«\u{00A0}Diplomates des territoires\u{00A0}»")
        #expect(FrenchTypography.apply("«Eau»") == "«\u{00A0}Eau\u{00A0}»")
        // A colon inside a word is not punctuation.
        #expect(FrenchTypography.apply("https://cites-unies-france.org à 9:30") == "https://cites-unies-france.org à 9:30")
        // Thousands typed with a plain space stay with their number; years and codes are left alone.
        #expect(FrenchTypography.apply("environ 3 000 personnes, 12 500 000 €") == "environ 3\u{202F}000 personnes, 12\u{202F}500\u{202F}000 €")
        #expect(FrenchTypography.apply("T1 2026, 8 juillet 2026, 1 23, 1 2345") == "T1 2026, 8 juillet 2026, 1 23, 1 2345")
        // Idempotent.
        let once = FrenchTypography.apply("Qu'en dit-on ? « Rien » : c'est ainsi !")
        #expect(FrenchTypography.apply(once) == once)
        #expect(FrenchTypography.violations(in: once).isEmpty)
    }

    @Test func violationsAreFound() {
        #expect(FrenchTypography.violations(in: "envers la population : Bondy").count == 1)
        #expect(FrenchTypography.violations(in: "d'ores").count == 1)
        #expect(FrenchTypography.violations(in: "« x »").count == 2)
        #expect(FrenchTypography.violations(in: "envers la population\u{00A0}: Bondy").isEmpty)
    }

    @Test func ordinalsInSuperscript() {
        #expect(FrenchTypography.superscriptOrdinals(inHTML: "la 17e édition, le 1er décembre, la 1re fois")
                == "la 17<sup>e</sup> édition, le 1<sup>er</sup> décembre, la 1<sup>re</sup> fois")
        #expect(FrenchTypography.superscriptOrdinals(inHTML: "2026 et 3000 personnes, Rezé") == "2026 et 3000 personnes, Rezé")
    }
}
