import Foundation
import Import
import Ledger
import Postgres
import Testing
import TestSupport

/// A large file.
extension ContributionImportTests {
    /// 100 000 generated lines: posted, `verify` finds nothing, and each fund's figures equal the
    /// file's own totals.
    @Test func aHundredThousandLines() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let donors = ["Bondy", "Liffré", "Rennes"]
            let funds = ["GAZA", "VIETNAM"]
            var totals: [String: Int64] = [:]
            var text = "date;donor;fund;amount;reference\n"
            var generator = SplitMix(seed: 6)
            for n in 1...100_000 {
                let fund = funds[Int(generator.next() % 2)]
                let cents = Int64(generator.next() % 500_000) + 1
                totals[fund, default: 0] += cents
                let amount = Money(cents: cents).french.replacingOccurrences(of: "\u{00A0}€", with: "")
                text += "2026-0\(n % 9 + 1)-1\(n % 10);\(donors[n % 3]);\(fund);\(amount);GEN-\(n)\n"
            }
            let file = try TemporaryFile(text)
            let before = try fixture.store.reader.balances()
            guard case .imported(let summary) = try fixture.importer().run(path: file.path) else {
                Issue.record("not imported")
                return
            }
            #expect(summary.lines == 100_000)
            #expect(try ledgerProblems(fixture.store).isEmpty)
            let after = try fixture.store.reader.balances()
            for fund in funds {
                let received = { (list: [FundBalance]) in list.first { $0.code == fund }!.received }
                #expect(received(after) - received(before) == Money(cents: totals[fund]!))
                #expect(summary.funds.first { $0.fund == fund }?.amount == Money(cents: totals[fund]!))
                let imported: Int64 = try fixture.store.connection.query("""
                    SELECT coalesce(sum(c.amount), 0)::bigint AS s FROM contributions c JOIN funds f ON f.id = c.fund_id
                     WHERE f.code = \(fund) AND c.reference LIKE 'GEN-%'
                    """).single().decode("s")
                #expect(imported == totals[fund]!)
            }
            #expect(try rowCount(fixture.store.connection, "contributions") == 100_002)
            #expect(try fixture.store.reader.pledges().allSatisfy { $0.outstanding == .zero })
        }
    }
}
