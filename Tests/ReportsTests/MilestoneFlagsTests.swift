import Foundation
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// The flags the accountant and the board need: a milestone achieved with its tranche unpaid
/// (owed to the partner), a tranche paid before its milestone; in the milestone report and the
/// quarterly report, against sums written here from the postings.
@Suite("Milestone flags")
struct MilestoneFlagsTests {
    @Test func owedAndPaidEarlyInBothReports() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let store = try database.store()
            let m = dataset.milestones
            // Rapport (tranche 700,00, nothing paid) achieved in Q2: owed.
            _ = try store.achieveMilestone(m["M3"]!, on: CalendarDate(iso: "2026-05-20")!)
            let c = try database.connect(granted: "fundledger_reader")
            defer { c.close() }
            /// What the bank paid for a milestone by a day, from the postings.
            func paid(_ milestone: Int64, _ day: String) throws -> Int64 {
                -(try cents(c, """
                    SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                      JOIN journal_entries e ON e.id = p.entry_id WHERE p.milestone_id = \(milestone) AND e.value_date <= \(CalendarDate(iso: day)!)
                    """))
            }
            let q1 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            #expect(q1.owed.isEmpty)
            #expect(q1.paidEarly.map(\.milestoneID) == [m["M2"]!, m["M5"]!])  // both paid on 31 March, not achieved
            #expect(try paid(m["M2"]!, "2026-03-31") == 50_000 && (try paid(m["M5"]!, "2026-03-31")) == 123_456)
            #expect(q1.paidEarly.map(\.paid.cents) == [try paid(m["M2"]!, "2026-03-31"), try paid(m["M5"]!, "2026-03-31")])

            let q2 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q2")!)
            #expect(q2.owed.map(\.milestoneID) == [m["M3"]!])
            #expect(q2.owed.first?.owed(atCloseOf: q2.quarter.end) == Money(cents: 70_000 - (try paid(m["M3"]!, "2026-06-30"))))
            #expect(q2.paidEarly.map(\.milestoneID) == [m["M5"]!])  // M2's tranche was reversed on 1 April
            #expect(q2.flags.count == 2 && q2.flags[0].contains("étape atteinte, tranche non versée — 700,00\u{00A0}€ dus"))
            #expect(QuarterlyReportMarkdown.render(q2).contains("## Points d’attention au 30 juin 2026"))
            let json = QuarterlyReportJSON.render(q2)
            #expect(json.contains("\"owed_cents\": 70000"))

            let report = try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-06-30")!)
            let lines = report.funds.flatMap(\.projects).flatMap(\.milestones)
            #expect(lines.filter { $0.owed != nil }.map(\.milestoneID) == [m["M3"]!])
            #expect(lines.filter(\.paidEarly).map(\.milestoneID) == [m["M5"]!])
            let text = report.render(as: .table)
            #expect(text.contains("⚠ «\u{00A0}Rapport\u{00A0}»\u{00A0}: étape atteinte, tranche non versée"))
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= MilestoneReportText.maxWidth })
            #expect(report.render(as: .json).contains("\"paid_early\": true"))
        }
    }
}
