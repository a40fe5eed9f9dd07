import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// The newsletter's quarterly report: the board's figures recomputed from the postings, the words
/// of a newsletter, a page a mail client and a printer can take, everything escaped.
@Suite("Quarterly report for the newsletter")
struct QuarterlyNewsletterTests {
    /// Since opening and committed-not-paid, for two quarters (a tranche paid on Q1's last day is
    /// reversed on Q2's first), against sums written here from postings, entries and projects.
    @Test func boardFiguresMatchSumsRecomputedFromPostings() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect(granted: "fundledger_reader")
            defer { c.close() }
            for (text, gazaNotPaid) in [("2026-Q1", Money(cents: 70_000)), ("2026-Q2", Money(cents: 120_000))] {
                let quarter = Quarter(parsing: text)!
                let report = try QuarterlyReportQuery(connection: c).report(quarter: quarter)
                for fund in report.funds {
                    // Bank postings of contributions and disbursements, and of their reversals.
                    func bank(_ kind: String) throws -> Int64 {
                        try cents(c, """
                            SELECT sum(p.amount) FROM postings p
                              JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                              JOIN funds f ON f.id = a.fund_id AND f.code = \(fund.code)
                              JOIN journal_entries e ON e.id = p.entry_id
                              LEFT JOIN journal_entries o ON o.id = e.reverses_entry_id
                             WHERE e.value_date <= \(quarter.end) AND coalesce(o.kind, e.kind) = \(kind)
                            """)
                    }
                    #expect(fund.sinceOpening.received.cents == (try bank("contribution")), "\(fund.code) \(text)")
                    #expect(fund.sinceOpening.disbursed.cents == -(try bank("disbursement")), "\(fund.code) \(text)")
                    let notPaid = try cents(c, """
                        SELECT sum(greatest(coalesce(p.budget, (SELECT sum(tranche) FROM milestones m WHERE m.project_id = p.id), 0)
                                            + coalesce((SELECT sum(po.amount) FROM postings po
                                                          JOIN accounts a ON a.id = po.account_id AND a.number = '512000'
                                                          JOIN journal_entries e ON e.id = po.entry_id AND e.value_date <= \(quarter.end)
                                                          JOIN disbursements d ON d.entry_id = coalesce(e.reverses_entry_id, e.id)
                                                         WHERE d.project_id = p.id), 0), 0))
                          FROM projects p JOIN funds f ON f.id = p.fund_id AND f.code = \(fund.code)
                        """)
                    #expect(fund.committedNotPaid.cents == notPaid, "\(fund.code) \(text)")
                    #expect(fund.freeToCommit.cents == fund.figures.closing.cents - notPaid, "\(fund.code) \(text)")
                }
                // By hand: 2 200,00 of tranches planned; 1 500,00 paid by 31 March, 1 000,00 by 30 June.
                let gaza = try #require(report.funds.first { $0.code == "GAZA" })
                #expect(gaza.committedNotPaid == gazaNotPaid)
                #expect(gaza.sinceOpening.donors == 5)
            }
        }
    }

    @Test func htmlSpeaksNewsletterFitsMailAndEscapes() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let store = try database.store()
            let water = try #require(try store.reader.projects(fund: "GAZA").first)
            _ = try store.describeProject(water.id, description: "eau <b>potable</b> & citernes", beneficiaries: "3 000 « personnes »")
            _ = try store.setOrganisation(.organisation, to: "Cités <Unies> & France")
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            _ = try store.setOrganisationLogo(png)
            let c = try database.connect(granted: "fundledger_reader")
            defer { c.close() }
            let report = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            let html = QuarterlyNewsletterHTML.render(report)
            let document = try XMLDocument(xmlString: html, options: [])
            // Mail-safe: no SVG, no script, no external asset; the only image is the logo, inline.
            #expect(try document.nodes(forXPath: "//*[local-name()='svg' or local-name()='script' or local-name()='link']").isEmpty)
            let images = try document.nodes(forXPath: "//*[local-name()='img']/@src").compactMap(\.stringValue)
            #expect(images == ["data:image/png;base64,\(png.base64EncodedString())"])
            #expect(!html.contains("href=") && !html.contains("url("))
            // Fund names, never codes; the board's words; none of the internal sheet's.
            let headings = try document.nodes(forXPath: "//*[local-name()='h2']").compactMap(\.stringValue)
            #expect(headings == [dataset.gazaName, "Fonds Maroc"])
            let text = try #require(document.rootElement()?.stringValue)
            for word in ["GAZA", "MAROC", "Abandonné", "Annulations", "totaux journaliers"] {
                #expect(!text.contains(word), "\(word)")
            }
            for word in ["Ce trimestre", "Depuis l’ouverture", "Versé aux partenaires", "Disponible", "Engagé non versé",
                         "Libre d’engagement", "Cités <Unies> & France"] {
                #expect(text.contains(word), "\(word)")
            }
            #expect(FrenchTypography.violations(in: text).isEmpty, "\(FrenchTypography.violations(in: text))")
            // The narrative: the project's words escaped, the milestone reached in the quarter.
            #expect(html.contains("Eau &lt;b&gt;potable&lt;/b&gt; &amp; citernes."))
            #expect(text.contains("Étape franchie le 10\u{00A0}février 2026\u{00A0}: «\u{00A0}Identification\u{00A0}»")
                    || text.contains("Étape franchie le 10 février 2026\u{00A0}: «\u{00A0}Identification\u{00A0}»"), "\(text)")
            // The thanks of everyone who gave since the fund opened (Bondy in 2025), not only the quarter's.
            let thanks = try document.nodes(forXPath: "//*[@class='thanks']").compactMap(\.stringValue)
            #expect(thanks.first?.contains("aux 5 collectivités") == true, "\(thanks)")
            #expect(thanks.first?.contains("Bondy") == true)
            // The bars are table cells sized in percent, the largest 70 %.
            let widths = try document.nodes(forXPath: "//*[@class='fill']/@width").compactMap(\.stringValue)
            #expect(widths.contains("70%"))
            // The internal sheet stays available.
            #expect(QuarterlyReportHTML.render(report).contains("Annulations du trimestre"))
        }
    }

    @Test func markdownAndStandaloneChart() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect(granted: "fundledger_reader")
            defer { c.close() }
            let report = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            let markdown = QuarterlyNewsletterMarkdown.render(report)
            #expect(markdown.contains("## Fonds \\<Gaza\\> & \"co\""))
            #expect(markdown.contains("| Engagé non versé | 700\u{00A0}€ |"))
            #expect(!markdown.contains("GAZA") && !markdown.contains("Annulations"))
            let svg = QuarterlyReportHTML.chart(report, label: \.shortName).standalone()
            #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
            let document = try XMLDocument(xmlString: svg, options: [])
            #expect(try document.nodes(forXPath: "/*/@font-family").first?.stringValue?.contains("Arial") == true)
            let labels = try document.nodes(forXPath: "//*[local-name()='text'][@font-weight='bold']").compactMap(\.stringValue)
            #expect(labels == ["Fonds <Gaza> & \"co\"", "Fonds Maroc"])
        }
    }

    @Test func shortNamesDropTheFundPrefix() {
        func short(_ name: String) -> String { QuarterlyReport.shortName(of: name) }
        #expect(short("Fonds de solidarité pour la Turquie") == "Turquie")
        #expect(short("Fonds de solidarité pour l’Ukraine") == "Ukraine")
        #expect(short("Fonds de solidarité pour Gaza") == "Gaza")
        #expect(short("Aide d’urgence") == "Aide d’urgence")
    }

    /// Settings are checked by the database: a refused value leaves the row as it was.
    @Test func organisationSettingsRefuseBadValues() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try store.setOrganisation(.siren, to: "775 663 438")
            let before = try store.reader.organisationSettings()
            #expect(before.siren == "775663438")
            for bad in ["775663439", "12345678", "abcdefghi"] {
                #expect(throws: LedgerError.self, "\(bad)") { _ = try store.setOrganisation(.siren, to: bad) }
            }
            #expect(throws: LedgerError.self) { _ = try store.setOrganisationLogo(Data("not an image".utf8)) }
            #expect(throws: LedgerError.self) {
                _ = try store.setOrganisationLogo(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(count: 300_000))
            }
            #expect(try store.reader.organisationSettings() == before)
            let svg = try store.setOrganisationLogo(Data("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8))
            #expect(svg.logo?.mediaType == "image/svg+xml")
            // A reader reads the settings and cannot change them.
            let reader = try database.connect(granted: "fundledger_reader")
            defer { reader.close() }
            #expect(try LedgerReader(connection: reader).organisationSettings().siren == "775663438")
            #expect(throws: LedgerError.self) {
                _ = try LedgerStore(connection: reader, actor: "test").setOrganisation(.organisation, to: "X")
            }
        }
    }
}
