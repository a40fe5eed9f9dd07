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
            #expect(try ledgerProblems(dataset.store).isEmpty)
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

            // The thanks paragraph names the quarter's donors, in French order.
            let names = try c.query("""
                SELECT DISTINCT d.name COLLATE "fr-x-icu" AS name FROM contributions c JOIN donors d ON d.id = c.donor_id
                  LEFT JOIN journal_entries r ON r.reverses_entry_id = c.entry_id
                 WHERE r.id IS NULL AND c.fund_id = (SELECT id FROM funds WHERE code = 'GAZA')
                   AND c.received_on BETWEEN '2026-01-01' AND '2026-03-31' ORDER BY 1
                """).map { try $0.decode("name", as: String.self) }
            #expect(names == ["Liffré", "Lille", "Nancy", "Rennes"])
            #expect(q1.funds[0].thanks == ThanksParagraph.contributors(names, audience: "la population gazaouie"))
            #expect(q1.funds[1].thanks == nil)
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

    /// A cached balance that is not the sum of its daily totals stops the report, with one line
    /// telling to run `fundledger verify` (the figures no longer come from the cache, so nothing
    /// else would show it).
    @Test func aCorruptedCachedBalanceStopsTheReport() throws {
        try TestDatabase.with { database in
            let dataset = try ReportDataset(try database.store())
            let c = try database.connect()
            let q1 = Quarter(parsing: "2026-Q1")!
            let before = try QuarterlyReportQuery(connection: c).report(quarter: q1)
            // Only a superuser who disables the triggers can corrupt the cache.
            try c.execute(script: """
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                UPDATE accounts SET balance = balance + 7 WHERE number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                """)
            #expect(try !ledgerProblems(dataset.store).isEmpty)
            for (quarter, fund) in [(q1, nil), (q1, "GAZA"), (q1, "MAROC"), (Quarter(parsing: "2025-Q4")!, "GAZA")] as [(Quarter, String?)] {
                let error = try #require(throws: ReportError.self) {
                    _ = try QuarterlyReportQuery(connection: c).report(quarter: quarter, fund: fund)
                }
                #expect(error.description.contains("fundledger verify"), "\(error)")
                #expect(!error.description.contains("\n"), "\(error)")
                #expect(error.description.hasPrefix("fund \(fund ?? "GAZA"):"), "\(error)")
            }
            // The opening and closing balances never came from the cache: put it right and the
            // report is the same as before.
            try c.execute(script: """
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                UPDATE accounts SET balance = balance - 7 WHERE number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                """)
            let after = try QuarterlyReportQuery(connection: c).report(quarter: q1)
            #expect(after.funds.map(\.figures) == before.funds.map(\.figures))
        }
    }

    /// Daily totals on the bank account that are neither contributions nor disbursements (cache
    /// kept in step, so only the closing check can see them): closing ≠ opening + received −
    /// disbursed stops the report.
    @Test func aClosingBalanceThatDoesNotAddUpStopsTheReport() throws {
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let c = try database.connect()
            try c.execute(script: """
                ALTER TABLE account_daily_totals DISABLE TRIGGER account_daily_totals_derived;
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                INSERT INTO account_daily_totals (account_id, day, kind, debits, credits)
                SELECT a.id, '2026-02-01', 'pledge', 5, 0 FROM accounts a JOIN funds f ON f.id = a.fund_id
                 WHERE f.code = 'GAZA' AND a.number = '512000';
                UPDATE accounts a SET balance = balance + 5 FROM funds f
                 WHERE f.id = a.fund_id AND f.code = 'GAZA' AND a.number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                ALTER TABLE account_daily_totals ENABLE TRIGGER account_daily_totals_derived;
                """)
            let error = try #require(throws: ReportError.self) {
                _ = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q1")!)
            }
            #expect(error.description.hasPrefix("fund GAZA: the daily totals give a closing balance of"), "\(error)")
            #expect(error.description.contains("fundledger verify") && !error.description.contains("\n"))
            // The quarters around it are not touched by that day.
            _ = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2025-Q4")!)
            _ = try QuarterlyReportQuery(connection: c).report(quarter: Quarter(parsing: "2026-Q2")!)
        }
    }

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

    @Test func refusals() throws {
        #expect(Quarter(parsing: "2026-Q5") == nil)
        #expect(Quarter(parsing: "2026-Q0") == nil)
        #expect(Quarter(parsing: "2026Q1") == nil)
        #expect(Quarter(parsing: "26-Q1") == nil)
        #expect(Quarter(parsing: "2026-q4")?.end == CalendarDate(iso: "2026-12-31"))
        #expect(Quarter(parsing: "2028-Q1")?.end == CalendarDate(iso: "2028-03-31"))
        try TestDatabase.with { database in
            _ = try ReportDataset(try database.store())
            let error = ledgerError {
                _ = try QuarterlyReportQuery(connection: try database.connect()).report(quarter: Quarter(parsing: "2026-Q1")!, fund: "GAZZA")
            }
            #expect(error?.kind == .notFound)
            #expect(error?.suggestions == ["GAZA"])
        }
        // An unwritable destination is refused before anything is written.
        #expect(throws: ReportError.self) { try AtomicFile.write("x", to: "/nonexistent-folder/report.html") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try AtomicFile(path: folder.appendingPathComponent("r.html").path)
        try file.write("half")
        file.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        try AtomicFile.write("whole", to: folder.appendingPathComponent("r.html").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.html"])
    }
}
