import Foundation
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// The milestone report for people: per project a header whose figures are the database's own
/// sums, milestones beneath, within 100 characters a line in a terminal; French words only.
@Suite("Milestone report layout")
struct MilestoneReportLayoutTests {
    /// The dataset, plus a project with a budget, a long title and a payment tied to no milestone.
    static func dataset(_ database: TestDatabase) throws -> ReportDataset {
        let dataset = try ReportDataset(try database.store())
        let store = dataset.store
        let long = try store.addProject(
            fund: "MAROC", partner: "Partenaire Maroc",
            title: "Réhabilitation des trois villages partenaires : école, dispensaire, adduction d’eau et pistes d’accès après le séisme",
            budget: Money(cents: 250_000_000))
        _ = try store.addMilestone(project: long.id, title: String(repeating: "Diagnostic des bâtiments publics et des réseaux ", count: 3),
                                   dueOn: CalendarDate(iso: "2026-03-01")!, tranche: Money(cents: 120_000_000))
        _ = try store.addMilestone(project: long.id, title: "Travaux", dueOn: CalendarDate(iso: "2026-09-30")!,
                                   tranche: Money(cents: 99_999_999))
        _ = try store.recordDisbursement(project: long.id, milestone: nil, amount: Money(cents: 333_333), on: CalendarDate(iso: "2026-03-20")!)
        return dataset
    }

    @Test func projectFiguresAreTheDatabasesSums() throws {
        try TestDatabase.with { database in
            _ = try Self.dataset(database)
            let c = try database.connect()
            for asOf in ["2026-03-19", "2026-03-31", "2026-04-01", "2026-07-01"].map({ CalendarDate(iso: $0)! }) {
                let report = try MilestoneReportQuery(connection: c).report(asOf: asOf)
                let projects = report.funds.flatMap(\.projects)
                #expect(projects.count == 3)
                for project in projects {
                    let planned = try cents(c, "SELECT sum(tranche) FROM milestones WHERE project_id = \(project.id)")
                    // Recomputed from the disbursements and their reversals, not from postings.
                    let paid = try cents(c, """
                        SELECT sum(CASE WHEN r.id IS NULL OR r.value_date > \(asOf) THEN d.amount ELSE 0 END)
                          FROM disbursements d LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
                         WHERE d.project_id = \(project.id) AND d.paid_on <= \(asOf)
                        """)
                    let budget: Int64? = try c.query("SELECT budget FROM projects WHERE id = \(project.id)").single().decode(at: 0)
                    #expect(project.planned.cents == planned, "\(project.title) as of \(asOf)")
                    #expect(project.paid.cents == paid, "\(project.title) as of \(asOf)")
                    #expect(project.remaining.cents == (budget ?? planned) - paid, "\(project.title) as of \(asOf)")
                    // The header prints those very figures, in every format for people.
                    let figures = TableRenderer.text(MilestoneReport.figuresTable(project))
                    for format in [OutputFormat.table, .markdown] {
                        let out = report.render(as: format)
                        #expect(out.contains("Projet n° \(project.id) — "))
                        #expect(out.contains("Partenaire\u{00A0}: \(project.partner)"))
                        for amount in [project.paid, project.planned, project.remaining] {
                            #expect(out.contains(amount.french) && figures.contains(amount.french))
                        }
                    }
                    let html = MilestoneReportHTML.render(report)
                    #expect(html.contains("<h3>Projet n° \(project.id) — "))
                    #expect(html.contains(HTMLText.escape(project.remaining.french)))
                }
            }
            // 2026-03-31: the water project's M1 (1 000 €) and M2 (500 €) paid; reversed on 04-01.
            let water = try #require(try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-03-31")!, fund: "GAZA")
                .funds.first?.projects.first)
            #expect(water.planned.cents == 220_000 && water.paid.cents == 150_000 && water.remaining.cents == 70_000)
        }
    }

    @Test func theTerminalTableFitsAHundredCharacters() throws {
        try TestDatabase.with { database in
            _ = try Self.dataset(database)
            let c = try database.connect()
            let report = try MilestoneReportQuery(connection: c).report(asOf: CalendarDate(iso: "2026-04-01")!)
            let text = report.render(as: .table)
            let widest = text.split(separator: "\n").map(\.count).max() ?? 0
            #expect(widest <= MilestoneReportText.maxWidth, "\(widest) characters:\n\(text)")
            #expect(text.contains("…"), "the long titles are cut, not the figures")
            #expect(text.contains("2\u{202F}500\u{202F}000,00\u{00A0}€"), "the budget is whole")
            #expect(text.contains("en retard (2 j)"))
            // The wide listing stays for programs: one row per milestone, machine codes.
            let csv = report.render(as: .csv)
            #expect(csv.hasPrefix("fund,project_id,project,partner,milestone_id,milestone,due_on,status,achieved_on,tranche,paid,days_late,owed,paid_early\n"))
            #expect(csv.contains(",late,") && !csv.contains("en retard"))
        }
    }
}
