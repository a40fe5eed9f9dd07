import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// The quarterly report in each output format.
extension QuarterlyReportTests {
    @Test func htmlIsWellFormedSelfContainedAndEscaped() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            let report = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            let html = QuarterlyReportHTML.render(report)
            let document = try XMLDocument(xmlString: html, options: [])
            #expect(document.rootElement()?.name == "html")
            let svgs = try document.nodes(forXPath: "//*[local-name()='svg']")
            #expect(svgs.count == 1)
            // One bar per fund, quarter and series (received, disbursed) plus the two legend swatches.
            let rects = try document.nodes(forXPath: "//*[local-name()='svg']//*[local-name()='rect']")
            #expect(rects.count == report.funds.count * report.chartQuarters.count * 2 + 2)
            #expect(try document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
            #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url("))
            // The fund's name, full of markup characters, comes back as text.
            let headings = try document.nodes(forXPath: "//*[local-name()='h2']").compactMap(\.stringValue)
            #expect(headings.contains("GAZA — \(dataset.gazaName)"))
            #expect(html.contains("Fonds &lt;Gaza&gt; &amp; &quot;co&quot;"))
            // The bars' tooltips carry the net amounts of the chart, per quarter.
            let received = try cents(c, """
                SELECT sum(p.amount) FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                  JOIN accounts a ON a.id = p.account_id JOIN funds f ON f.id = a.fund_id
                 WHERE f.code = 'GAZA' AND a.number = '512000' AND e.kind = 'contribution'
                   AND e.value_date BETWEEN '2026-01-01' AND '2026-03-31'
                """)
            let point = report.chart.first { $0.fund == "GAZA" && $0.quarter == report.quarter }
            #expect(point?.received.cents == received)
            let titles = try document.nodes(forXPath: "//*[local-name()='rect']/*[local-name()='title']").compactMap(\.stringValue)
            #expect(titles.contains { $0.hasPrefix("GAZA · T1 2026 · Reçu") })
        }
    }

    @Test func jsonHasStableKeysAndIntegerCents() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            let quarter = Quarter(parsing: "2026-Q1")!
            let report = try QuarterlyReportQuery(connection: c).report(quarter: quarter)
            let text = QuarterlyReportJSON.render(report)
            #expect(text == QuarterlyReportJSON.render(try QuarterlyReportQuery(connection: c).report(quarter: quarter)))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let funds = try #require(object["funds"] as? [[String: Any]])
            let gaza = try #require(funds.first { $0["code"] as? String == "GAZA" }?["figures"] as? [String: Any])
            let expected = try Self.independentFigures(c, fund: "GAZA", quarter: quarter)
            #expect((gaza["closing_cents"] as? NSNumber)?.int64Value == expected.closing.cents)
            #expect((gaza["received_reversed_cents"] as? NSNumber)?.int64Value == expected.receivedReversed.cents)
            #expect((gaza["outstanding_at_end_cents"] as? NSNumber)?.int64Value == expected.outstandingAtEnd.cents)
            #expect(gaza["closing_formatted"] as? String == expected.closing.french)
            let keys = text.split(separator: "\n").prefix(6).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(keys.dropFirst().map { String($0.prefix { $0 != ":" }) } == ["\"quarter\"", "\"start\"", "\"end\"", "\"fund\"", "\"currency\""])
        }
    }

    @Test func markdownAndCSVCarryTheFigures() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            let quarter = Quarter(parsing: "2026-Q1")!
            let report = try QuarterlyReportQuery(connection: c).report(quarter: quarter)
            let expected = try Self.independentFigures(c, fund: "GAZA", quarter: quarter)
            let markdown = QuarterlyReportMarkdown.render(report)
            #expect(markdown.contains("Solde au 31 mars 2026 : \(expected.closing.french)"))
            #expect(markdown.contains("versements enregistrés \(expected.receivedRecorded.french), annulés \(expected.receivedReversed.french)"))
            #expect(markdown.contains("## Annulations du trimestre"))
            let csv = QuarterlyReportCSV.render(report).split(separator: "\n")
            let header = csv[0].split(separator: ",")
            let gaza = try #require(csv.first { $0.hasPrefix("GAZA,") }).split(separator: ",", omittingEmptySubsequences: false)
            #expect(gaza[header.firstIndex(of: "closing")!] == Substring(expected.closing.plain))
            #expect(csv.last?.hasPrefix("TOTAL,") == true)
        }
    }

}
