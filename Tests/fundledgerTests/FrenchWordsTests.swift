import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// What staff read in reports and listings is French with its accents: donor kinds, fund,
/// pledge and milestone states, messages. Machine codes stay codes in CSV and JSON.
@Suite("French words in reports and listings")
struct FrenchWordsTests {
    /// Codes and English words that must not reach a French output: the unaccented kinds, the
    /// status codes, and the English messages these reports used to print.
    static let forbidden = ["intercommunalite", "departement", "region", "open", "closing", "closed",
                            "fulfilled", "written_off", "cancelled", "planned", "achieved", "late",
                            "nobody", "thank", "pledges", "contributions", "fund"]

    /// The forbidden words found as whole words in `text` (so "région" or "ouvert" pass).
    static func offending(_ text: String) -> [String] {
        let words = Set(text.split { !($0.isLetter || $0 == "_") }.map { $0.lowercased() })
        return forbidden.filter(words.contains)
    }

    /// The text of an HTML page (tags and the style sheet out, entities of the reports' own making in).
    static func textOfHTML(_ html: String) -> String {
        var text = html
        if let style = text.range(of: "<style>"), let end = text.range(of: "</style>") { text.removeSubrange(style.lowerBound..<end.upperBound) }
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#160;", "\u{00A0}"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    @Test func everyFrenchOutputHasItsAccentsAndNoCode() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            let day = { (iso: String) in CalendarDate(iso: iso)! }
            _ = try store.openFund(code: "TURQUIE", name: "Fonds Turquie", audience: "la population turque", openedOn: day("2023-02-10"))
            _ = try store.openFund(code: "VIETNAM", name: "Fonds Vietnam", audience: "la population vietnamienne", openedOn: day("2025-11-10"))
            _ = try store.openFund(code: "ANCIEN", name: "Fonds ancien", audience: "une population", openedOn: day("2020-01-01"))
            for (name, kind) in [("Liffré", Donor.Kind.commune), ("Département de l’Indre", .departement),
                                 ("Région Occitanie", .region), ("Grand Poitiers", .intercommunalite), ("Association X", .autre)] {
                _ = try store.addDonor(name: name, kind: kind)
            }
            _ = try store.recordContribution(donor: "Liffré", fund: "TURQUIE", amount: Money(cents: 500_000), on: day("2025-01-10"))
            _ = try store.recordContribution(donor: "Grand Poitiers", fund: "TURQUIE", amount: Money(cents: 100_000), on: day("2025-01-12"))
            let open = try store.recordPledge(donor: "Département de l’Indre", fund: "TURQUIE", amount: Money(cents: 200_000), on: day("2025-01-15"))
            _ = open
            let cancelled = try store.recordPledge(donor: "Région Occitanie", fund: "TURQUIE", amount: Money(cents: 50_000), on: day("2025-01-16"))
            _ = try store.cancelPledge(cancelled.id, reason: "retirée", on: day("2025-01-20"))
            let written = try store.recordPledge(donor: "Association X", fund: "TURQUIE", amount: Money(cents: 30_000), on: day("2025-01-17"))
            _ = try store.writeOffPledge(written.id, reason: "abandon", on: day("2025-01-21"))
            _ = try store.recordPledge(donor: "Liffré", fund: "VIETNAM", amount: Money(cents: 10_000), on: day("2026-01-10"))
            _ = try store.addPartner(name: "TBB", country: "TR")
            let project = try store.addProject(fund: "TURQUIE", partner: "TBB", title: "Villes résilientes", budget: Money(cents: 400_000))
            let done = try store.addMilestone(project: project.id, title: "Mission", dueOn: day("2025-11-15"), tranche: Money(cents: 200_000))
            _ = try store.achieveMilestone(done.id, on: day("2025-11-15"))
            _ = try store.addMilestone(project: project.id, title: "Clôture", dueOn: day("2026-02-28"), tranche: Money(cents: 100_000))
            _ = try store.addMilestone(project: project.id, title: "Bilan", dueOn: day("2026-12-31"))
            _ = try store.recordDisbursement(project: project.id, milestone: done.id, amount: Money(cents: 200_000), on: day("2025-11-20"))

            let cli = CLI(database: database)
            var outputs: [(String, String)] = []
            func read(_ arguments: String...) throws {
                let outcome = try cli.run(arguments)
                #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
                outputs.append((arguments.joined(separator: " "), outcome.stdout))
            }
            outputs.append(("fund set-status", try cli.ok("fund", "set-status", "TURQUIE", "closing", "--on", "2026-02-28")))
            try cli.ok("fund", "set-status", "ANCIEN", "closed", "--on", "2026-01-01")
            for format in ["table", "markdown"] {
                try read("fund", "list", "--format", format)
                try read("balances", "--format", format)
                try read("donor", "list", "--format", format)
                try read("donors", "--fund", "TURQUIE", "--format", format)
                try read("pledge", "list", "--format", format)
                try read("report", "milestones", "--as-of", "2026-03-31", "--format", format)
                try read("statement", "--donor", "Liffré", "--format", format)
            }
            try read("report", "quarterly", "--quarter", "2025-Q4")
            try read("report", "quarterly", "--quarter", "2026-Q1", "--format", "html")
            try read("thanks", "--fund", "TURQUIE", "--format", "markdown")
            try read("statement", "--donor", "Liffré", "--fund", "TURQUIE", "--year", "2025", "--compte-rendu")
            try read("fund", "show", "TURQUIE")
            try read("donor", "show", "Grand Poitiers")
            let nobody = try cli.run("thanks", "--fund", "VIETNAM")
            #expect(nobody.status != 0)
            outputs.append(("thanks --fund VIETNAM", nobody.stderr))
            #expect(nobody.stderr.contains("personne à remercier"), "\(nobody.stderr)")

            let all = outputs.map(\.1).joined(separator: "\n")
            for word in ["intercommunalité", "département", "région", "en clôture", "clôturé", "ouvert",
                         "en cours", "annulée", "solde abandonné", "atteinte", "en retard", "prévue"] {
                #expect(all.contains(word), "\(word) is printed somewhere")
            }
            for (command, output) in outputs {
                // French typography: no plain space before : ; ! ?, no straight apostrophe in text.
                let text = command.contains("html") ? Self.textOfHTML(output) : output
                #expect(Self.offending(text).isEmpty, "\(command): \(Self.offending(text))\n\(output)")
                #expect(FrenchTypography.violations(in: text).isEmpty, "\(command): \(FrenchTypography.violations(in: text))")
            }
            // For programs the codes stay.
            let csv = try cli.ok("donor", "list", "--format", "csv")
            #expect(csv.contains("intercommunalite") && !csv.contains("intercommunalité"))
            #expect(try cli.ok("fund", "list", "--format", "json").contains("\"closing\""))
        }
    }
}
