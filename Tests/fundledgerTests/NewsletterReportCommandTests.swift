import Foundation
import Postgres
import Testing
import TestSupport

/// What communications type to get the newsletter's report: the organisation's settings, the
/// projects' words, `report quarterly` with its chart file beside the HTML, and `--detail`.
@Suite("settings, project describe and the newsletter report")
struct NewsletterReportCommandTests {
    @Test func settingsAreSetShownClearedAndRefusedInOneLine() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            #expect(try cli.ok("settings", "show").contains("Organisation\u{00A0}: non renseigné"))
            #expect(try cli.ok("settings", "set", "organisation", "Cités Unies France").contains("Cités Unies France"))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let logo = folder.appendingPathComponent("logo.svg")
            try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>".utf8).write(to: logo)
            #expect(try cli.ok("settings", "set", "logo", logo.path).contains("Logo\u{00A0}: SVG"))
            let text = folder.appendingPathComponent("logo.png")
            try Data("pas une image".utf8).write(to: text)
            let before = try cli.ok("settings", "show")
            for refused in [["settings", "set", "siren", "123456789"], ["settings", "set", "logo", text.path],
                            ["settings", "set", "logo", folder.appendingPathComponent("absent.png").path],
                            ["settings", "set", "couleur", "bleu"]] {
                let outcome = try cli.run(refused)
                #expect(outcome.status != 0 && outcome.errorLines.count == 1, "\(refused): \(outcome.stderr)")
            }
            #expect(try cli.ok("settings", "show") == before)
            #expect(try cli.ok("settings", "set", "siren", "775 663 438").contains("SIREN\u{00A0}: 775663438"))
            #expect(try cli.ok("settings", "clear", "logo").contains("Logo\u{00A0}: non renseigné"))
            // A reader sees them and cannot change them.
            let reader = CLI(database: database, role: "fundledger_reader")
            #expect(try reader.ok("settings", "show").contains("SIREN\u{00A0}: 775663438"))
            #expect(try reader.run("settings", "set", "organisation", "Autre").status != 0)
        }
    }

    @Test func reportWithNarrativeChartFileAndDetail() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database)
            try cli.ok("demo")
            let described = try cli.run("project", "describe", "9999", "--description", "x")
            #expect(described.status != 0 && described.errorLines.count == 1 && described.stderr.contains("9999"))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsletter-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let reader = CLI(database: database, role: "fundledger_reader")
            let output = folder.appendingPathComponent("rapport.html")
            try reader.ok("report", "quarterly", "--quarter", "2026-Q1", "--format", "html", "--output", output.path)
            let html = try String(contentsOf: output, encoding: .utf8)
            let svg = try String(contentsOf: folder.appendingPathComponent("rapport-graphique.svg"), encoding: .utf8)
            #expect(html.contains("<h2>Fonds de solidarité pour Gaza</h2>") && !html.contains("<svg"))
            #expect(html.contains("src=\"data:image/svg+xml;base64,"))  // the demo's logo
            #expect(html.contains("L’ONG Super Novae distribue de l’eau potable dans la bande de Gaza. Bénéficiaires\u{00A0}: environ 3\u{202F}000 personnes."))
            #expect(svg.hasPrefix("<?xml") && svg.contains(">Gaza</text>") && svg.contains(">Turquie</text>"))
            let markdown = try reader.ok("report", "quarterly", "--quarter", "2026-Q1")
            #expect(markdown.contains("Un grand merci aux 27 collectivités"))
            #expect(markdown.contains("**Cergy, Rennes, Grand Poitiers, Saint-Calais, Le Havre et Liffré**"))
            let detail = try reader.ok("report", "quarterly", "--quarter", "2026-Q1", "--detail")
            #expect(detail.contains("## Annulations du trimestre") && detail.contains("GAZA — "))
            // An unwritable folder: refused before any query, nothing left behind.
            let refused = try reader.run("report", "quarterly", "--quarter", "2026-Q1", "--format", "html",
                                         "--output", folder.appendingPathComponent("absent/r.html").path)
            #expect(refused.status != 0 && refused.errorLines.count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["rapport-graphique.svg", "rapport.html"])
        }
    }
}
