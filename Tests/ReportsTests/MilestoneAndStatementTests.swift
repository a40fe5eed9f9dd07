import Foundation
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

@Suite("Milestone report and donor statement")
struct MilestoneAndStatementTests {
    @Test func milestoneStatusesAndPaidAroundTheBoundary() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            let m = dataset.milestones
            func lines(_ report: MilestoneReport) -> [Int64: MilestoneReport.Line] {
                Dictionary(uniqueKeysWithValues: report.funds.flatMap(\.projects).flatMap(\.milestones).map { ($0.milestoneID, $0) })
            }
            for asOf in ["2026-03-31", "2026-04-01", "2026-07-01"].map({ CalendarDate(iso: $0)! }) {
                let report = try MilestoneReportQuery(connection: c).report(asOf: asOf)
                #expect(report.funds.map(\.code) == ["GAZA", "MAROC"])
                let byID = lines(report)
                #expect(byID.count == 5)
                for row in try c.query("SELECT id, due_on, achieved_on FROM milestones") {
                    let id: Int64 = try row.decode("id")
                    let due: CalendarDate = try row.decode("due_on")
                    let achieved: CalendarDate? = try row.decode("achieved_on")
                    let line = try #require(byID[id])
                    // Status recomputed from the rows; paid from the disbursements and their reversals.
                    let expected: MilestoneReport.Status = if let achieved, achieved <= asOf { .achieved }
                        else if due <= asOf { .late } else { .planned }
                    #expect(line.status == expected, "\(line.title) as of \(asOf)")
                    let paid = try cents(c, """
                        SELECT sum(CASE WHEN r.id IS NULL OR r.value_date > \(asOf) THEN d.amount ELSE 0 END)
                          FROM disbursements d LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
                         WHERE d.milestone_id = \(id) AND d.paid_on <= \(asOf)
                        """)
                    #expect(line.paid.cents == paid, "\(line.title) as of \(asOf)")
                }
            }
            // Due on 2026-03-31 and not achieved: late at the close of that day, by 1 day.
            let lastDay = lines(try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-03-31")!))
            #expect(lastDay[m["M2"]!]?.status == .late && lastDay[m["M2"]!]?.daysLate == 1 && lastDay[m["M2"]!]?.paid.cents == 50_000)
            #expect(lastDay[m["M1"]!]?.status == .achieved && lastDay[m["M1"]!]?.daysLate == nil)
            #expect(lastDay[m["M3"]!]?.status == .planned && lastDay[m["M3"]!]?.daysLate == nil)
            let dayBefore = lines(try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-03-30")!))
            #expect(dayBefore[m["M2"]!]?.status == .planned && dayBefore[m["M2"]!]?.daysLate == nil)
            let firstDay = lines(try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-04-01")!))
            #expect(firstDay[m["M2"]!]?.status == .late && firstDay[m["M2"]!]?.daysLate == 2 && firstDay[m["M2"]!]?.paid == .zero)
            #expect(firstDay[m["M4"]!]?.status == .achieved && firstDay[m["M4"]!]?.daysLate == 1)
            let maroc = try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-04-01")!, fund: "maroc")
            #expect(maroc.funds.map(\.code) == ["MAROC"])
            let markdown = maroc.render(as: .markdown)
            #expect(markdown.contains("## MAROC — Fonds Maroc") && markdown.contains("prévue"))
            #expect(ledgerError { _ = try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-04-01")!, fund: "MAROCC") }?.kind == .notFound)
        }
    }

    /// One definition of "late" for both reports: the quarterly report at the close of its last
    /// day says what `report milestones --as-of <that day>` says, milestone by milestone.
    @Test func quarterlyAndMilestoneReportsAgreeOnLateness() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            let m = dataset.milestones
            // Besides M2 and M4 (due on the quarter's last day, not achieved by it), one due and
            // achieved on that day: late in neither report.
            let project: Int64 = try c.query("SELECT project_id FROM milestones WHERE id = \(m["M2"]!)").single().decode(at: 0)
            let onTime = try dataset.store.addMilestone(project: project, title: "Réception", dueOn: CalendarDate(iso: "2026-03-31")!).id
            _ = try dataset.store.achieveMilestone(onTime, on: CalendarDate(iso: "2026-03-31")!)

            // The finding's case: due 2026-03-31, as of 2026-03-31 vs 2026-Q1.
            let q1 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            let asOfEnd = try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-03-31")!)
            let m2 = try #require(asOfEnd.funds.flatMap(\.projects).flatMap(\.milestones).first { $0.milestoneID == m["M2"]! })
            let quarterlyM2 = try #require(q1.late.first { $0.milestoneID == m["M2"]! })
            #expect(m2.status == .late && m2.daysLate == q1.daysLate(quarterlyM2) && m2.daysLate == 1)
            #expect(!q1.late.contains { $0.milestoneID == onTime })

            for quarter in ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"].map({ Quarter(parsing: $0)! }) {
                let quarterly = try QuarterlyReportQuery(connection: c).report(quarter: quarter)
                let late = Dictionary(uniqueKeysWithValues: quarterly.late.map { ($0.milestoneID, quarterly.daysLate($0)) })
                let asOf = try MilestoneReportQuery(connection: c).report(asOf: quarter.end)
                let all = asOf.funds.flatMap(\.projects).flatMap(\.milestones)
                #expect(all.count == 6)
                for line in all {
                    #expect((line.status == .late) == (late[line.milestoneID] != nil), "\(line.title) at the end of \(quarter)")
                    if line.status == .late {
                        #expect(line.daysLate == late[line.milestoneID], "\(line.title) at the end of \(quarter)")
                    }
                }
                #expect(late.count == all.filter { $0.status == .late }.count, "\(quarter)")
            }
        }
    }

    @Test func donorStatementEqualsTheLedger() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            for (donor, year) in [("Nancy", 2026), ("nancy", nil), ("Lille", 2026), ("rennes", 2025), ("Rennes", 2026)] as [(String, Int?)] {
                let statement = try DonorStatementQuery(connection: c).statement(donor: donor, year: year)
                let from = year.map { "\($0)-01-01" } ?? "0001-01-01"
                let to = year.map { "\($0)-12-31" } ?? "9999-12-31"
                for fund in statement.funds {
                    // Received: the bank postings of the donor's contributions not reversed.
                    let received = try cents(c, """
                        SELECT sum(p.amount) FROM contributions co JOIN donors d ON d.id = co.donor_id
                          JOIN funds f ON f.id = co.fund_id
                          JOIN postings p ON p.entry_id = co.entry_id JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                         WHERE d.name = \(statement.donor) AND f.code = \(fund.fund)
                           AND co.received_on BETWEEN \(from)::date AND \(to)::date
                           AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = co.entry_id)
                        """)
                    #expect(fund.received.cents == received, "\(donor) \(fund.fund)")
                    let pledged = try cents(c, """
                        SELECT sum(p.amount) FROM pledges pl JOIN donors d ON d.id = pl.donor_id JOIN funds f ON f.id = pl.fund_id
                          JOIN postings p ON p.entry_id = pl.entry_id JOIN accounts a ON a.id = p.account_id AND a.number = '441700'
                         WHERE d.name = \(statement.donor) AND f.code = \(fund.fund)
                           AND pl.pledged_on BETWEEN \(from)::date AND \(to)::date
                           AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = pl.entry_id)
                        """)
                    #expect(fund.pledged.cents == pledged, "\(donor) \(fund.fund)")
                    let outstanding = try cents(c, """
                        SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '441700'
                          JOIN donors d ON d.id = a.donor_id JOIN funds f ON f.id = a.fund_id
                         WHERE d.name = \(statement.donor) AND f.code = \(fund.fund)
                        """)
                    #expect(fund.outstanding.cents == outstanding, "\(donor) \(fund.fund)")
                }
                let lineCount = try cents(c, """
                    SELECT (SELECT count(*) FROM pledges pl JOIN donors d ON d.id = pl.donor_id
                             WHERE d.name = \(statement.donor) AND pl.pledged_on BETWEEN \(from)::date AND \(to)::date)
                         + (SELECT count(*) FROM contributions co JOIN donors d ON d.id = co.donor_id
                             WHERE d.name = \(statement.donor) AND co.received_on BETWEEN \(from)::date AND \(to)::date)
                    """)
                #expect(Int64(statement.lines.count) == lineCount, "\(donor) \(String(describing: year))")
            }
            // Nancy 2026: the reversed contribution is shown, marked, and not counted.
            let nancy = try DonorStatementQuery(connection: c).statement(donor: "Nancy", year: 2026)
            #expect(nancy.lines.filter { $0.state == "reversed" }.count == 1)
            #expect(nancy.funds.first { $0.fund == "GAZA" }?.received.cents == 60_000)
            // What the funds achieved: GAZA's Identification (2026-02-10) and Visite (2026-04-01);
            // MAROC achieved nothing in 2026.
            #expect(nancy.achievements.map(\.milestone) == ["Identification", "Visite"])
            #expect(nancy.achievements[0].paid.cents == 100_000)
            let letter = DonorStatementRenderer.render(nancy, as: .markdown)
            #expect(letter.contains("# Relevé de Nancy — en 2026") && letter.contains("annulé"))
            let json = try JSONSerialization.jsonObject(with: Data(DonorStatementRenderer.render(nancy, as: .json).utf8)) as? [String: Any]
            #expect(json?["donor"] as? String == "Nancy")
            let gazaLine = (json?["funds"] as? [[String: Any]])?.first { $0["fund"] as? String == "GAZA" }
            #expect(gazaLine?["received_cents"] as? Int == 60_000)
            #expect(gazaLine?["received_formatted"] as? String == "600,00\u{00A0}€")
            let unknown = ledgerError { _ = try DonorStatementQuery(connection: c).statement(donor: "Nanci") }
            #expect(unknown?.kind == .notFound && unknown?.suggestions.contains("Nancy") == true)
        }
    }
}
