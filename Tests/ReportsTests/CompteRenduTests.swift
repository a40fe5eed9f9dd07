import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Ledger
import Postgres
import Reports
import Testing
import TestSupport

/// The compte rendu financier: every figure recomputed from the postings, contributions and
/// disbursements tables by SQL written here, independent of `CompteRenduQuery`.
@Suite("Compte rendu financier")
struct CompteRenduTests {
    static let fund = CompteRenduDataset.fund

    @Test func figuresEqualTheLedgerAndSharesNeverExceedPayments() throws {
        try TestDatabase.with { database in
            _ = try CompteRenduDataset(try database.store())
            // As the reports run: a login granted the reader role only.
            let c = try database.connect(granted: "fundledger_reader")
            for year in [2025, 2026] {
                let end = CalendarDate(year: year, month: 12, day: 31)!
                let start = CalendarDate(year: year, month: 1, day: 1)!
                let reports = try CompteRenduQuery(connection: c).all(fund: Self.fund, year: year)
                #expect(Set(reports.map(\.donor)) == (year == 2025 ? Set(CompteRenduDataset.donors) : Set(CompteRenduDataset.donors)))
                for report in reports {
                    // Paid: the bank postings of the donor's contributions, not reversed by the year's end.
                    func paid(from: CalendarDate) throws -> Int64 {
                        try cents(c, """
                            SELECT sum(p.amount) FROM contributions co JOIN donors d ON d.id = co.donor_id
                              JOIN funds f ON f.id = co.fund_id
                              JOIN postings p ON p.entry_id = co.entry_id JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                             WHERE d.name = \(report.donor) AND f.code = \(Self.fund)
                               AND co.received_on BETWEEN \(from) AND \(end)
                               AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = co.entry_id AND r.value_date <= \(end))
                            """)
                    }
                    #expect(report.paidInYear.cents == (try paid(from: start)), "\(report.donor) \(year)")
                    #expect(report.paidSinceOpening.cents == (try paid(from: CalendarDate(iso: "0001-01-01")!)), "\(report.donor) \(year)")
                    #expect(report.remaining == report.paidSinceOpening - report.usedBeforeYear - report.usedInYear)
                    #expect(report.usedInYear == report.payments.reduce(.zero) { $0 + $1.share })
                    for payment in report.payments {
                        // The payment as the bank saw it, and what the donor and all donors had paid by its day.
                        let amount = try cents(c, """
                            SELECT -sum(p.amount) FROM disbursements di JOIN postings p ON p.entry_id = di.entry_id
                              JOIN accounts a ON a.id = p.account_id AND a.number = '512000' WHERE di.id = \(payment.id)
                            """)
                        #expect(payment.amount.cents == amount)
                        let reversed = try cents(c, """
                            SELECT count(*) FROM disbursements di JOIN journal_entries r ON r.reverses_entry_id = di.entry_id
                             WHERE di.id = \(payment.id) AND r.value_date <= \(end)
                            """) > 0
                        #expect(payment.reversed == reversed)
                        func receipts(_ donor: String?) throws -> Int64 {
                            try cents(c, """
                                SELECT sum(p.amount) FROM contributions co JOIN donors d ON d.id = co.donor_id
                                  JOIN postings p ON p.entry_id = co.entry_id JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                                 WHERE co.fund_id = (SELECT id FROM funds WHERE code = \(Self.fund))
                                   AND (\(donor)::text IS NULL OR d.name = \(donor)::text) AND co.received_on <= \(payment.paidOn)
                                   AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = co.entry_id AND r.value_date <= \(end))
                                """)
                        }
                        let own = try receipts(report.donor), all = try receipts(nil)
                        #expect(payment.donorReceipts.cents == own && payment.fundReceipts.cents == all)
                        if reversed {
                            #expect(payment.share == .zero)
                        } else {
                            // Within one cent of the exact pro-rata (128-bit free: these figures are small).
                            let exact = Double(amount) * Double(own) / Double(all)
                            #expect(abs(Double(payment.share.cents) - exact) < 1, "\(report.donor) payment \(payment.id)")
                        }
                    }
                }
                // Across donors, each payment's shares add up to the payment (never more) …
                var byPayment: [Int64: Int64] = [:]
                for report in reports { for p in report.payments { byPayment[p.id, default: 0] += p.share.cents } }
                let year_payments = try c.query("""
                    SELECT di.id, di.amount, EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = di.entry_id
                                                      AND r.value_date <= \(end)) AS reversed
                      FROM disbursements di WHERE di.paid_on BETWEEN \(start) AND \(end)
                    """)
                #expect(byPayment.count == year_payments.count)
                for row in year_payments {
                    let id: Int64 = try row.decode("id"), amount: Int64 = try row.decode("amount"), reversed: Bool = try row.decode("reversed")
                    #expect(byPayment[id] == (reversed ? 0 : amount), "payment \(id)")
                    #expect(byPayment[id]! <= amount)
                }
                // … and what was used before the year is every earlier payment not reversed by its end.
                let before = try cents(c, """
                    SELECT sum(di.amount) FROM disbursements di WHERE di.paid_on < \(start)
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = di.entry_id AND r.value_date <= \(end))
                    """)
                #expect(reports.reduce(0) { $0 + $1.usedBeforeYear.cents } == before)
                let paidOut = try cents(c, """
                    SELECT -sum(p.amount) FROM disbursements di JOIN postings p ON p.entry_id = di.entry_id
                      JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                     WHERE di.paid_on BETWEEN \(start) AND \(end)
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = di.entry_id AND r.value_date <= \(end))
                    """)
                #expect(reports.allSatisfy { $0.paidOutInYear.cents == paidOut })
            }
            // 2026: three payments listed (the one reversed in April included, with no share); one
            // donor by name, accents ignored. 2025: the December payment reversed only in January
            // is counted.
            let nancy = try CompteRenduQuery(connection: c).compteRendu(donor: "NANCY", fund: "turquie", year: 2026)
            #expect(nancy.payments.count == 3 && nancy.payments.filter(\.reversed).count == 1)
            #expect(nancy.byProject.map(\.partner) == ["Municipalité de Besni", "TBB"])
            let nancy2025 = try CompteRenduQuery(connection: c).compteRendu(donor: "Nancy", fund: "TURQUIE", year: 2025)
            #expect(nancy2025.payments.count == 3 && nancy2025.payments.filter(\.reversed).isEmpty)
        }
    }

    @Test func eachFormatRendersEscapedAndFormulaSafe() throws {
        try TestDatabase.with { database in
            _ = try CompteRenduDataset(try database.store())
            let c = try database.connect(granted: "fundledger_reader")
            var report = try CompteRenduQuery(connection: c).compteRendu(donor: "Aude", fund: Self.fund, year: 2026)

            let markdown = CompteRenduFormat.markdown.render(report)
            #expect(markdown.hasPrefix("# Compte rendu financier 2026 — Aude — Fonds <Turquie>"))
            #expect(markdown.contains("Reste à utiliser au 31 décembre 2026 | \(report.remaining.french) |"))
            #expect(markdown.contains("Quote-part de chaque paiement"))
            #expect(markdown.contains("3 mars 2026") && markdown.contains("(paiement annulé)"))

            let html = CompteRenduFormat.html.render(report)
            #expect(html.contains("@page { size: A4"))
            #expect(html.contains("Fonds &lt;Turquie&gt; &amp; &quot;séisme&quot;") && !html.contains("<Turquie>"))
            #expect(html.contains("Villes résilientes &lt;Besni&gt;") && !html.contains("<Besni>"))
            // Well-formed XHTML: it parses as XML.
            #expect(throws: Never.self) { _ = try XMLDocument(data: Data(html.utf8)) }

            // Names the ledger refuses at input, as an older database may still hold them.
            report.payments[0].partner = "=HYPERLINK(\"http://x\")"
            report.payments[0].project = "+cmd|' /C calc'!A0"
            let csv = CompteRenduFormat.csv.render(report)
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\"") && csv.contains("'+cmd|' /C calc'!A0"))
            for line in csv.split(separator: "\n") {
                for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                    #expect(!(cell.first.map { "=+@".contains($0) } ?? false), "formula cell in \(line)")
                }
            }
            #expect(csv.contains("reste à utiliser,Aude,TURQUIE,2026,,,,,,,\(report.remaining.plain),,,"))

            // French typography: no plain space before a colon or semicolon, no straight apostrophe in our text.
            for text in [markdown, CompteRendu.shareRule, CompteRenduTables.period(report)] {
                #expect(!text.contains(" :") && !text.contains(" ;"))
            }
            #expect(!CompteRendu.shareRule.contains("'") && !CompteRenduTables.period(report).contains("'"))
        }
    }

    @Test func aDonorThatGaveNothingIsTold() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try CompteRenduDataset(store)
            _ = try store.addDonor(name: "Liffré")
            let c = try database.connect(granted: "fundledger_reader")
            #expect(throws: ReportError.self) { try CompteRenduQuery(connection: c).compteRendu(donor: "liffre", fund: Self.fund, year: 2026) }
            #expect(try CompteRenduQuery(connection: c).all(fund: Self.fund, year: 2024).isEmpty)
        }
    }

    @Test func sharesAreSplitToTheCent() {
        let split = ProRataShare.split(Money(cents: 100), among: [1, 1, 1].map(Money.init(cents:)))
        #expect(split.map(\.cents) == [34, 33, 33])
        let big = ProRataShare.split(Money.maximum, among: [Money.maximum, Money(cents: 1), Money(cents: 7)])
        #expect(big.reduce(0) { $0 + $1.cents } == Money.maximum.cents)
        #expect(ProRataShare.split(Money(cents: 500), among: [.zero, .zero]).allSatisfy { $0 == .zero })
        #expect(SafeFileName.stem("Communauté urbaine de Dunkerque") == "communaute-urbaine-de-dunkerque")
        #expect(SafeFileName.stem("../..") == "collectivite" && SafeFileName.stem("Liffré") == "liffre")
        #expect(SafeFileName.distinctStems(["Saint-Calais", "Saint Calais"]) == ["saint-calais", "saint-calais-2"])
    }
}
