import Foundation
import Postgres
import Testing
import TestSupport

/// `fundledger statement --compte-rendu` as staff run it: as a reader login, one donor to standard
/// output or a file, every donor of a fund into a folder.
@Suite("statement --compte-rendu")
struct CompteRenduCommandTests {
    @Test func oneFilePerDonorAsAReader() throws {
        try TestDatabase.with { database in
            try CLI(database: database).ok("demo")
            let reader = CLI(database: database, role: "fundledger_reader")
            let c = try database.connect()
            // The donors that paid to GAZA by the end of 2026, contributions not reversed by then.
            let donors: [String] = try c.query("""
                SELECT DISTINCT d.name FROM contributions co JOIN donors d ON d.id = co.donor_id JOIN funds f ON f.id = co.fund_id
                 WHERE f.code = 'GAZA' AND co.received_on <= '2026-12-31'
                   AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = co.entry_id AND r.value_date <= '2026-12-31')
                """).map { try $0.decode("name") }
            #expect(!donors.isEmpty)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compte-rendu-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            for format in ["markdown", "html", "csv"] {
                let outcome = try reader.run("statement", "--all", "--fund", "gaza", "--year", "2026", "--compte-rendu",
                                             "--format", format, "--output", folder.appendingPathComponent(format).path)
                #expect(outcome.status == 0, "\(format): \(outcome.stderr)")
                let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(format).path)
                #expect(files.count == donors.count, "\(format): \(files)")
                let ext = ["markdown": "md", "html": "html", "csv": "csv"][format]!
                #expect(files.allSatisfy { $0.range(of: "^compte-rendu-gaza-2026-[a-z0-9-]+\\.\(ext)$", options: .regularExpression) != nil },
                        "\(files)")
            }

            let donor = donors.sorted()[0]
            let markdown = try reader.run("statement", "--donor", donor, "--fund", "GAZA", "--year", "2026", "--compte-rendu")
            #expect(markdown.status == 0 && markdown.stdout.hasPrefix("# Compte rendu financier 2026 — \(donor)"), "\(markdown.stderr)")
            let file = folder.appendingPathComponent("one.html")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let html = try reader.run("statement", "--donor", donor, "--fund", "GAZA", "--year", "2026", "--compte-rendu",
                                      "--format", "html", "--output", file.path)
            #expect(html.status == 0, "\(html.stderr)")
            #expect(try String(contentsOf: file, encoding: .utf8).contains("@page { size: A4"))

            // Refusals: one line each, nothing written.
            for arguments in [["statement", "--fund", "GAZA", "--year", "2026", "--compte-rendu"],
                              ["statement", "--donor", donor, "--year", "2026", "--compte-rendu"],
                              ["statement", "--all", "--fund", "GAZA", "--year", "2026", "--compte-rendu"],
                              ["statement", "--donor", donor, "--fund", "GAZA", "--year", "2026", "--compte-rendu", "--format", "json"]] {
                let outcome = try reader.run(arguments)
                #expect(outcome.status != 0 && !outcome.stderr.isEmpty, "\(arguments)")
            }
            // The plain statement is unchanged.
            #expect(try reader.run("statement", "--donor", donor, "--format", "csv").status == 0)
        }
    }
}
