import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

@Suite("Quarterly report")
struct QuarterlyReportTests {
    /// The figures recomputed from the postings themselves (not from the daily totals), telling
    /// recorded entries from reversals by `reverses_entry_id` rather than by debit or credit.
    static func independentFigures(_ c: PostgresConnection, fund: String?, quarter: Quarter) throws -> QuarterlyReport.Figures {
        let row = try c.query("""
            SELECT coalesce(sum(p.amount) FILTER (WHERE a.number = '512000' AND e.value_date < \(quarter.start)), 0)::bigint AS opening,
                   coalesce(sum(p.amount) FILTER (WHERE a.number = '512000' AND e.value_date <= \(quarter.end)), 0)::bigint AS closing,
                   coalesce(sum(p.amount) FILTER (WHERE a.number = '441700' AND e.value_date <= \(quarter.end)), 0)::bigint AS outstanding,
                   coalesce(sum(p.amount) FILTER (WHERE q AND a.number = '512000' AND e.kind = 'contribution' AND e.reverses_entry_id IS NULL), 0)::bigint AS received_recorded,
                   coalesce(-sum(p.amount) FILTER (WHERE q AND a.number = '512000' AND e.kind = 'contribution' AND e.reverses_entry_id IS NOT NULL), 0)::bigint AS received_reversed,
                   coalesce(-sum(p.amount) FILTER (WHERE q AND a.number = '512000' AND e.kind = 'disbursement' AND e.reverses_entry_id IS NULL), 0)::bigint AS disbursed_recorded,
                   coalesce(sum(p.amount) FILTER (WHERE q AND a.number = '512000' AND e.kind = 'disbursement' AND e.reverses_entry_id IS NOT NULL), 0)::bigint AS disbursed_reversed,
                   coalesce(sum(p.amount) FILTER (WHERE q AND a.number = '441700' AND e.kind = 'pledge' AND e.reverses_entry_id IS NULL), 0)::bigint AS pledged_recorded,
                   coalesce(-sum(p.amount) FILTER (WHERE q AND a.number = '441700' AND e.kind = 'pledge' AND e.reverses_entry_id IS NOT NULL), 0)::bigint AS pledges_cancelled,
                   coalesce(-sum(p.amount) FILTER (WHERE q AND a.number = '441700' AND e.kind = 'pledge_write_off' AND e.reverses_entry_id IS NULL), 0)::bigint AS written_off_recorded,
                   coalesce(sum(p.amount) FILTER (WHERE q AND a.number = '441700' AND e.kind = 'pledge_write_off' AND e.reverses_entry_id IS NOT NULL), 0)::bigint AS write_offs_reversed
              FROM postings p
              JOIN journal_entries e ON e.id = p.entry_id
              JOIN accounts a ON a.id = p.account_id
              JOIN funds f ON f.id = a.fund_id
              CROSS JOIN LATERAL (SELECT e.value_date BETWEEN \(quarter.start) AND \(quarter.end) AS q) inq
             WHERE \(fund)::text IS NULL OR f.code = \(fund)
            """).single()
        var f = QuarterlyReport.Figures()
        f.opening = Money(cents: try row.decode("opening"))
        f.closing = Money(cents: try row.decode("closing"))
        f.outstandingAtEnd = Money(cents: try row.decode("outstanding"))
        f.receivedRecorded = Money(cents: try row.decode("received_recorded"))
        f.receivedReversed = Money(cents: try row.decode("received_reversed"))
        f.disbursedRecorded = Money(cents: try row.decode("disbursed_recorded"))
        f.disbursedReversed = Money(cents: try row.decode("disbursed_reversed"))
        f.pledgedRecorded = Money(cents: try row.decode("pledged_recorded"))
        f.pledgesCancelled = Money(cents: try row.decode("pledges_cancelled"))
        f.writtenOffRecorded = Money(cents: try row.decode("written_off_recorded"))
        f.writeOffsReversed = Money(cents: try row.decode("write_offs_reversed"))
        // Donors: contributions not reversed, dated in the quarter; new when the donor's first
        // such contribution (to the fund, or to any fund for the whole network) is in the quarter.
        f.donors = Int(try cents(c, """
            SELECT count(DISTINCT c.donor_id) FROM contributions c JOIN funds f ON f.id = c.fund_id
              LEFT JOIN journal_entries r ON r.reverses_entry_id = c.entry_id
             WHERE r.id IS NULL AND c.received_on BETWEEN \(quarter.start) AND \(quarter.end)
               AND (\(fund)::text IS NULL OR f.code = \(fund))
            """))
        f.newDonors = Int(try cents(c, """
            SELECT count(*) FROM (
                SELECT c.donor_id, min(c.received_on) AS first FROM contributions c JOIN funds f ON f.id = c.fund_id
                  LEFT JOIN journal_entries r ON r.reverses_entry_id = c.entry_id
                 WHERE r.id IS NULL AND (\(fund)::text IS NULL OR f.code = \(fund))
                 GROUP BY c.donor_id) firsts
             WHERE first BETWEEN \(quarter.start) AND \(quarter.end)
            """))
        return f
    }

    static let quarters = ["2025-Q4", "2026-Q1", "2026-Q2"].map { Quarter(parsing: $0)! }

    @Test func figuresEqualSumsOfPostings() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            for quarter in Self.quarters {
                let report = try QuarterlyReportQuery(connection: c).report(quarter: quarter)
                #expect(report.funds.map(\.code) == ["GAZA", "MAROC"])
                for fund in report.funds {
                    let expected = try Self.independentFigures(c, fund: fund.code, quarter: quarter)
                    #expect(fund.figures == expected, "\(fund.code) \(quarter)")
                    #expect(fund.figures.closing == fund.figures.opening + fund.figures.received - fund.figures.disbursed)
                    // The report for that fund alone says the same.
                    let alone = try QuarterlyReportQuery(connection: c).report(quarter: quarter, fund: fund.code.lowercased())
                    #expect(alone.funds.count == 1 && alone.funds[0].figures == expected)
                    #expect(alone.total == expected)
                }
                // Donors of all funds: distinct collectivités, new to the whole network.
                #expect(report.total == (try Self.independentFigures(c, fund: nil, quarter: quarter)), "all funds \(quarter)")
            }
        }
    }

    @Test func quarterBoundaryHandComputed() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            let q1 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            let gaza = q1.funds[0].figures
            #expect(gaza.opening.cents == 200_000)
            #expect(gaza.receivedRecorded.cents == 620_000 && gaza.receivedReversed.cents == 40_000)
            #expect(gaza.disbursedRecorded.cents == 150_000 && gaza.disbursedReversed.cents == 0)
            #expect(gaza.closing.cents == 630_000)
            #expect(gaza.pledgedRecorded.cents == 180_000 && gaza.pledgesCancelled.cents == 80_000)
            #expect(gaza.writtenOff.cents == 200_000)
            #expect(gaza.outstandingAtEnd.cents == 30_000)
            #expect(gaza.donors == 4 && gaza.newDonors == 4)
            #expect(q1.total.donors == 4 && q1.total.newDonors == 3)  // Nancy gave to MAROC in 2025
            #expect(q1.funds[1].figures.closing.cents == 876_544)
            #expect(q1.total.closing.cents == 630_000 + 876_544)

            let q2 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q2")!)
            let gaza2 = q2.funds[0].figures
            #expect(gaza2.opening == gaza.closing)
            #expect(gaza2.received.cents == 25_055)
            #expect(gaza2.disbursedReversed.cents == 50_000 && gaza2.disbursed.cents == -50_000)
            #expect(gaza2.writtenOffRecorded.cents == 30_000 && gaza2.writeOffsReversed.cents == 30_000)
            #expect(gaza2.closing.cents == 630_000 + 25_055 + 50_000)
            #expect(gaza2.donors == 1 && gaza2.newDonors == 0)  // Bondy gave in 2025
        }
    }

    @Test func reversalsMilestonesAndThanks() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            let m = dataset.milestones
            let q1 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            // Reversals dated in the quarter, each with the entry it reverses.
            let reversalIDs = try c.query("""
                SELECT id FROM journal_entries WHERE reverses_entry_id IS NOT NULL
                   AND value_date BETWEEN '2026-01-01' AND '2026-03-31' ORDER BY value_date, id
                """).map { try $0.decode("id", as: Int64.self) }
            #expect(q1.reversals.map(\.entryID) == reversalIDs)
            #expect(q1.reversals.count == 2)
            for reversal in q1.reversals {
                let original: Int64 = try c.query("SELECT reverses_entry_id FROM journal_entries WHERE id = \(reversal.entryID)").single().decode(at: 0)
                #expect(reversal.reversedEntryID == original)
                #expect(reversal.amount.cents == (try cents(c, "SELECT sum(amount) FROM postings WHERE entry_id = \(original) AND amount > 0")))
            }
            #expect(Set(q1.reversals.map(\.kind)) == [.pledge, .contribution])

            #expect(q1.achieved.map(\.milestoneID) == [m["M1"]!])
            #expect(Set(q1.late.map(\.milestoneID)) == [m["M2"]!, m["M4"]!])
            #expect(Set(q1.dueNextQuarter.map(\.milestoneID)) == [m["M3"]!, m["M5"]!])
            #expect(q1.late.allSatisfy { q1.daysLate($0) == 1 })
            // Tranche paid up to the quarter's end, from the disbursements and their reversals.
            for line in q1.achieved + q1.late + q1.dueNextQuarter {
                let paid = try cents(c, """
                    SELECT sum(CASE WHEN r.id IS NULL OR r.value_date > '2026-03-31' THEN d.amount ELSE 0 END)
                      FROM disbursements d LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
                     WHERE d.milestone_id = \(line.milestoneID) AND d.paid_on <= '2026-03-31'
                    """)
                #expect(line.paid.cents == paid, "milestone \(line.title)")
            }
            let q2 = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q2")!)
            #expect(q2.achieved.map(\.milestoneID) == [m["M4"]!])
            #expect(Set(q2.late.map(\.milestoneID)) == [m["M2"]!, m["M3"]!, m["M5"]!])
            #expect(q2.late.first { $0.milestoneID == m["M2"]! }?.paid == .zero)  // reversed on 2026-04-01
            #expect(q2.reversals.count == 2)  // the tranche (04-01) and the write-off (04-02)

            // The thanks paragraph names everyone who gave since the fund opened, up to the quarter's
            // last day (as the newsletter of the period does), in French order.
            let names = try c.query("""
                SELECT DISTINCT d.name COLLATE "fr-x-icu" AS name FROM contributions c JOIN donors d ON d.id = c.donor_id
                  LEFT JOIN journal_entries r ON r.reverses_entry_id = c.entry_id
                 WHERE r.id IS NULL AND c.fund_id = (SELECT id FROM funds WHERE code = 'GAZA')
                   AND c.received_on <= '2026-03-31' ORDER BY 1
                """).map { try $0.decode("name", as: String.self) }
            #expect(names == ["Bondy", "Liffré", "Lille", "Nancy", "Rennes"])
            #expect(q1.funds[0].thanks == ThanksParagraph.contributors(names, audience: "la population gazaouie"))
            #expect(q1.funds[1].thanks == ThanksParagraph.contributors(["Nancy"], audience: "la population marocaine"))
        }
    }

    /// The money figures and the chart read the daily totals and cached balances, never postings.
    @Test func moneyQueriesReadAggregatesOnly() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            for sql in [QuarterlyReportQuery.figuresSQL, QuarterlyReportQuery.chartSQL] {
                for fund: Int64? in [nil, 1] {
                    let plan = try c.query(PostgresQuery(sql: "EXPLAIN " + sql,
                                                         binds: [CalendarDate(iso: "2026-01-01")!, CalendarDate(iso: "2026-03-31")!, fund]))
                        .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
                    #expect(plan.contains("account_daily_totals"))
                    #expect(!plan.contains("postings"), "\(plan)")
                }
            }
        }
    }
}
