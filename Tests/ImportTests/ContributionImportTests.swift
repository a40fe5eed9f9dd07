import Foundation
import Import
import Ledger
import Postgres
import Testing
import TestSupport

@Suite("Import of contributions from CSV")
struct ContributionImportTests {
    static let goodFile = """
        date;donateur;fonds;montant;référence;promesse;libellé
        03/03/2026;Bondy;GAZA;1 500,00 €;VIR-1;;"Virement ; mairie"
        2026-03-04;liffre;gaza;750;VIR-2;;
        05/03/2026;Rennes;VIETNAM;1 200,00;MAN-1;;solde
        06/03/2026;Rennes;VIETNAM;400,00 €;MAN-2;;
        07/03/2026;Rennes;VIETNAM;100;MAN-3;;
        08/03/2026;Bondy;GAZA;100;VIR-3;PLEDGE;nommée

        """

    @Test func aGoodFileIsPostedExactlyAsRecordContributionWould() throws {
        try TestDatabase.with { imported in
            try TestDatabase.with { oneByOne in
                let a = try ImportFixture(try imported.store())
                let b = try ImportFixture(try oneByOne.store())
                let file = try TemporaryFile(Self.goodFile.replacingOccurrences(of: "PLEDGE", with: String(a.gazaPledge.id)))
                let outcome = try a.importer().run(path: file.path)
                guard case .imported(let summary) = outcome else {
                    Issue.record("expected an import, got \(outcome)")
                    return
                }
                #expect(summary.lines == 6)
                #expect(summary.total == Money(cents: 405_000))
                #expect(summary.funds.map(\.fund) == ["GAZA", "VIETNAM"])
                #expect(summary.funds.map(\.amount) == [Money(cents: 235_000), Money(cents: 170_000)])
                // Bondy: VIR-1 pays the whole GAZA pledge, so VIR-3 (naming it) finds nothing left. Rennes: 1 200
                // pays the older pledge (1 000) and 200 of the newer; 400 pays its last 300; 100 is a gift.
                #expect(summary.funds.map(\.appliedToPledges) == [Money(cents: 30_000), Money(cents: 150_000)])
                #expect(summary.ignoredColumns == ["libellé"])

                // The same receipts, one by one through the ledger's own function.
                let day = { (d: Int) in CalendarDate(year: 2026, month: 3, day: d)! }
                let store = b.store
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 150_000), on: day(3), reference: "VIR-1")
                _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 75_000), on: day(4), reference: "VIR-2")
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 120_000), on: day(5), reference: "MAN-1")
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 40_000), on: day(6), reference: "MAN-2")
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 10_000), on: day(7), reference: "MAN-3")
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 10_000), on: day(8),
                                                 pledge: .pledge(b.gazaPledge.id), reference: "VIR-3")

                #expect(try Self.postings(a.store.connection) == Self.postings(b.store.connection))
                #expect(try a.store.reader.balances() == b.store.reader.balances())
                #expect(try a.store.reader.pledges().map(\.outstanding) == b.store.reader.pledges().map(\.outstanding))
                #expect(try ledgerProblems(a.store).isEmpty)
                #expect(try rowCount(a.store.connection, "import_lines") == 0)
            }
        }
    }

    /// Per contribution: reference, date, first pledge, and its postings (account, amount, pledge).
    static func postings(_ connection: PostgresConnection) throws -> [[String]] {
        try connection.query("""
            SELECT c.reference, c.received_on::text AS day, c.pledge_id::text AS pledge,
                   string_agg(a.number || ':' || p.amount || ':' || coalesce(p.pledge_id::text, '-'), ' '
                              ORDER BY a.number, p.amount) AS lines
              FROM contributions c JOIN postings p ON p.entry_id = c.entry_id JOIN accounts a ON a.id = p.account_id
             GROUP BY c.id ORDER BY c.reference
            """).map { row in
            try [row.decode("reference", as: String.self), row.decode("day", as: String.self),
                 row.decode("pledge", as: String?.self) ?? "-", row.decode("lines", as: String.self)]
        }
    }

    /// A line naming the newer pledge before lines naming none: file order decides, as when the
    /// receipts are recorded one by one.
    @Test func aNamedPledgeBeforeAutomaticLines() throws {
        try TestDatabase.with { imported in
            try TestDatabase.with { oneByOne in
                let a = try ImportFixture(try imported.store())
                let b = try ImportFixture(try oneByOne.store())
                let file = try TemporaryFile("""
                    date,donor,fund,amount,reference,pledge
                    2026-03-01,Rennes,VIETNAM,300,N-1,\(a.newerPledge.id)
                    2026-03-02,Rennes,VIETNAM,1100,N-2,
                    2026-03-03,Rennes,VIETNAM,400,N-3,
                    2026-03-04,Rennes,VIETNAM,50,N-4,\(a.newerPledge.id)

                    """)
                _ = try a.importer().run(path: file.path)
                let store = b.store
                let day = { (d: Int) in CalendarDate(year: 2026, month: 3, day: d)! }
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 30_000), on: day(1),
                                                 pledge: .pledge(b.newerPledge.id), reference: "N-1")
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 110_000), on: day(2), reference: "N-2")
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 40_000), on: day(3), reference: "N-3")
                _ = try store.recordContribution(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 5_000), on: day(4),
                                                 pledge: .pledge(b.newerPledge.id), reference: "N-4")
                #expect(try Self.postings(a.store.connection) == Self.postings(b.store.connection))
                #expect(try a.store.reader.pledges().map(\.outstanding) == b.store.reader.pledges().map(\.outstanding))
            }
        }
    }

    /// The application role stages lines and calls the function; it still cannot write the journal.
    @Test func theWriterRoleImportsThroughTheFunctionOnly() throws {
        try TestDatabase.with { database in
            _ = try ImportFixture(try database.store())
            let connection = try database.connect()
            try connection.execute(script: "SET ROLE fundledger_writer")
            let importer = ContributionImporter(connection: connection, actor: "writer")
            let bad = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-01,Bondyy,GAZA,10,W1\n")
            let failure = importFailure { _ = try importer.run(path: bad.path) }
            #expect(failure?.problems.first?.suggestions == ["Bondy"])
            let good = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-01,Bondy,GAZA,10,W1\n")
            guard case .imported = try importer.run(path: good.path) else {
                Issue.record("not imported as fundledger_writer")
                return
            }
            for statement in ["INSERT INTO imports (file_sha256, file_name, lines, total) VALUES (repeat('a', 64), 'x', 1, 1)",
                              "DELETE FROM import_lines", "SELECT * FROM import_lines"] {
                #expect(postgresError { try connection.execute(script: statement) }?.sqlState == .insufficientPrivilege)
            }
        }
    }

}
