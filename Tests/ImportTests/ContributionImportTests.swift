import Foundation
import Import
import Ledger
import Postgres
import Testing
import TestSupport

/// A small ledger: GAZA and VIETNAM open, TURQUIE closed; Bondy, Liffré, Rennes; Rennes pledged
/// twice to VIETNAM (1 000,00 € then 500,00 €).
struct ImportFixture {
    let store: LedgerStore
    let olderPledge: Pledge
    let newerPledge: Pledge
    let gazaPledge: Pledge

    init(_ store: LedgerStore) throws {
        self.store = store
        let opened = CalendarDate(year: 2023, month: 2, day: 1)!
        for (code, name) in [("GAZA", "Fonds Gaza"), ("VIETNAM", "Fonds Vietnam"), ("TURQUIE", "Fonds Turquie")] {
            _ = try store.openFund(code: code, name: name, audience: nil, openedOn: opened)
        }
        for name in ["Bondy", "Liffré", "Rennes"] { _ = try store.addDonor(name: name) }
        olderPledge = try store.recordPledge(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 100_000),
                                             on: CalendarDate(year: 2026, month: 1, day: 5)!, reference: "Délib. 1")
        newerPledge = try store.recordPledge(donor: "Rennes", fund: "VIETNAM", amount: Money(cents: 50_000),
                                             on: CalendarDate(year: 2026, month: 1, day: 20)!, reference: "Délib. 2")
        gazaPledge = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 30_000),
                                            on: CalendarDate(year: 2026, month: 1, day: 2)!, reference: "Délib. B")
        _ = try store.recordContribution(donor: "Liffré", fund: "TURQUIE", amount: Money(cents: 1_000),
                                         on: CalendarDate(year: 2023, month: 3, day: 1)!, reference: "OLD-1")
        _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 1_000),
                                         on: CalendarDate(year: 2026, month: 1, day: 3)!, pledge: .none, reference: "OLD-2")
        _ = try store.setFundStatus(code: "TURQUIE", status: .closed, on: CalendarDate(year: 2026, month: 2, day: 28)!)
    }

    func importer(_ options: ContributionImporter.Options = .init()) throws -> ContributionImporter {
        ContributionImporter(connection: store.connection, actor: "test", options: options)
    }
}

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
                #expect(try ledgerProblems(a.store).isEmpty)
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

    /// Each kind of bad line, after a good one: the file is refused, the problem named by line and
    /// column (as the file spells it), and the database is exactly as before.
    @Test(arguments: [
        ("2026-03-01;Bondi;GAZA;100;R1;", "donor", "unknown donor", "Bondy"),
        ("2026-03-01;Bondy;GAZZA;100;R1;", "fonds", "unknown fund", "GAZA"),
        ("2026-03-01;Bondy;TURQUIE;100;R1;", "fonds", "fund TURQUIE is closed", nil),
        ("2026-03-01;Bondy;GAZA;12,3,4;R1;", "Montant", "ambiguous separators", nil),
        ("2026-03-01;Bondy;GAZA;-5;R1;", "Montant", "must be positive", nil),
        ("2026-03-01;Bondy;GAZA;0;R1;", "Montant", "more than zero", nil),
        ("2026-02-30;Bondy;GAZA;100;R1;", "date", "no such day", nil),
        ("mars 2026;Bondy;GAZA;100;R1;", "date", "expected a date", nil),
        ("2026-03-01;Bondy;GAZA;100; ;", "Référence", "a reference is required", nil),
        ("2026-03-01;Bondy;GAZA;100;=1+1;", "Référence", "must not begin with =", nil),
        ("2026-03-01;Bondy;GAZA;100;OK-1;", "Référence", "already used on line 2 for Bondy", nil),
        ("2026-03-01;liffre;GAZA;1;OLD-2;", "Référence", "already recorded for Liffré", nil),
        ("2026-03-01;Bondy;GAZA;100;R1;99999", "promesse", "unknown pledge", nil),
        ("2026-03-01;Bondy;GAZA;100;R1;PLEDGE", "promesse", "not of Bondy to GAZA", nil),
        ("2026-03-01;Bondy;GAZA;100;R1;x", "promesse", "by its number", nil),
        ("2026-03-01;Bondy;GAZA;100", nil, "4 fields where the header has 6", nil),
        ("2026-03-01;\"Bondy\"x;GAZA;100;R1;", nil, "after the closing quote", nil),
    ] as [(String, String?, String, String?)])
    func aBadLineRefusesTheWholeFile(line: String, column: String?, reason: String, suggestion: String?) throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let connection = fixture.store.connection
            let before = try ledgerSnapshot(connection)
            let bad = line.replacingOccurrences(of: "PLEDGE", with: String(fixture.olderPledge.id))
            let file = try TemporaryFile("date;donor;fonds;Montant;Référence;promesse\n2026-03-01;Bondy;GAZA;10;OK-1;\n\(bad)\n")
            let failure = importFailure { _ = try fixture.importer().run(path: file.path) }
            #expect(failure?.totalProblems == 1, "\(failure?.lines ?? [])")
            let problem = failure?.problems.first
            #expect(problem?.line == 3)
            #expect(problem?.column == column)
            #expect(problem?.reason.contains(reason) == true, "\(problem?.description ?? "none")")
            if let suggestion { #expect(problem?.suggestions.contains(suggestion) == true) }
            let named = column.map { "line 3, column \"\($0)\": " } ?? "line 3: "
            #expect(problem?.description.hasPrefix(named) == true, "\(problem?.description ?? "none")")
            #expect(try ledgerSnapshot(connection) == before)
            #expect(try rowCount(connection, "import_lines") == 0)
            #expect(try rowCount(connection, "imports") == 0)
        }
    }

    @Test func everyBadLineIsListedUpToTheLimitThenCounted() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let before = try ledgerSnapshot(fixture.store.connection)
            var text = "date,donor,fund,amount,reference\n"
            for n in 1...30 { text += "2026-03-01,Nobody,GAZA,10,A\(n)\n" }        // SQL-side problems
            for n in 1...30 { text += "2026-03-01,Bondy,GAZA,abc,B\(n)\n" }        // Swift-side problems
            text += "2026-03-01,Bondy,GAZA,10,C1\n"
            let file = try TemporaryFile(text)
            let failure = importFailure {
                _ = try fixture.importer(.init(maxProblems: 50)).run(path: file.path)
            }
            #expect(failure?.totalProblems == 60)
            #expect(failure?.problems.count == 50)
            #expect(failure?.problems.map(\.line) == Array(2...51))
            #expect(failure?.lines.last == "… and 10 more")
            #expect(try ledgerSnapshot(fixture.store.connection) == before)
        }
    }

    @Test func bomCRLFSemicolonsAndFrenchAmounts() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let text = "Date de réception;Collectivité;Fonds;Montant;Référence\r\n03/03/2026;Bondy;GAZA;\"1\u{202F}234,56\u{00A0}€\";VIR-9\r\n04/03/2026;Liffré;GAZA;2 000,00 EUR;VIR-10\r\n"
            let file = try TemporaryFile(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
            guard case .imported(let summary) = try fixture.importer().run(path: file.path) else {
                Issue.record("not imported")
                return
            }
            #expect(summary.total == Money(cents: 323_456))
            let references = try fixture.store.reader.contributions(fund: "GAZA").compactMap(\.reference).filter { $0.hasPrefix("VIR") }
            #expect(Set(references) == ["VIR-9", "VIR-10"])
            #expect(try ledgerProblems(fixture.store).isEmpty)
        }
    }

    @Test func quotedNewlinesKeepLineNumbersPhysical() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let text = """
                date,donor,fund,amount,reference,comment
                2026-03-01,"Bondy",GAZA,"1,50",R1,"a comment
                on two lines"
                2026-03-02,"Liffré",GAZA,10,"R2","three
                physical
                lines"
                2026-03-03,Nobody,GAZA,10,R3,
                """
            let file = try TemporaryFile(text)
            let failure = importFailure { _ = try fixture.importer().run(path: file.path) }
            #expect(failure?.problems.map(\.line) == [7])
            #expect(failure?.problems.first?.column == "donor")
            // Without the bad line the file goes in, comments and all.
            let good = try TemporaryFile(text.replacingOccurrences(of: "2026-03-03,Nobody,GAZA,10,R3,", with: ""))
            guard case .imported(let summary) = try fixture.importer().run(path: good.path) else {
                Issue.record("not imported")
                return
            }
            #expect(summary.lines == 2 && summary.total == Money(cents: 1_150))
        }
    }

    @Test func reimportingTheSameFileWritesNothingAndSaysSo() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let file = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-01,Bondy,GAZA,10,R1\n2026-03-01,Liffré,GAZA,20,R1\n",
                                         name: "mars.csv")
            guard case .imported(let first) = try fixture.importer().run(path: file.path) else {
                Issue.record("not imported")
                return
            }
            let after = try ledgerSnapshot(fixture.store.connection)
            let again = try fixture.importer().run(path: file.path)
            guard case .alreadyImported(let id, let name, let lines, let total, _) = again else {
                Issue.record("expected alreadyImported, got \(again)")
                return
            }
            #expect(id == first.importID && name == "mars.csv" && lines == 2 && total == Money(cents: 3_000))
            #expect(try ledgerSnapshot(fixture.store.connection) == after)
            #expect(try rowCount(fixture.store.connection, "imports") == 1)
            // The function itself recognises the file too (two imports of one file racing each other).
            let digest = try CSVReader.sha256(path: file.path)
            let kinds = try fixture.store.connection.query("""
                SELECT kind FROM import_contributions(gen_random_uuid(), \(digest), 'mars.csv', true, 'test', 50)
                """).map { try $0.decode("kind", as: String.self) }
            #expect(kinds == ["already_imported"])

            // Another file repeating one of those receipts: reported, not posted twice.
            let overlap = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-05,Liffre,GAZA,20,R1\n2026-03-05,Bondy,GAZA,5,R2\n")
            let failure = importFailure { _ = try fixture.importer().run(path: overlap.path) }
            #expect(failure?.problems.map(\.line) == [2])
            #expect(failure?.problems.first?.reason.contains("already recorded for Liffré") == true)
            #expect(try ledgerSnapshot(fixture.store.connection) == after)
        }
    }

    @Test func dryRunValidatesEverythingAndWritesNothing() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let before = try ledgerSnapshot(fixture.store.connection)
            let file = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-01,Rennes,VIETNAM,2000,R1\n")
            let outcome = try fixture.importer(.init(dryRun: true)).run(path: file.path)
            guard case .dryRun(let summary) = outcome else {
                Issue.record("expected a dry run, got \(outcome)")
                return
            }
            #expect(summary.importID == nil)
            #expect(summary.funds.first?.appliedToPledges == Money(cents: 150_000))
            #expect(try ledgerSnapshot(fixture.store.connection) == before)
            #expect(try rowCount(fixture.store.connection, "imports") == 0)
            // And the real import still happens afterwards.
            guard case .imported = try fixture.importer().run(path: file.path) else {
                Issue.record("not imported after the dry run")
                return
            }
        }
    }

    @Test func idempotencyKeysAreClaimedLikeSingleWrites() throws {
        try TestDatabase.with { database in
            let fixture = try ImportFixture(try database.store())
            let file = try TemporaryFile("date,donor,fund,amount,reference,clé\n2026-03-01,Bondy,GAZA,10,R1,bank-42\n")
            _ = try fixture.importer().run(path: file.path)
            // A retry of that line through the single-write path returns the imported contribution.
            let retried = try fixture.store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 1_000),
                                                               on: CalendarDate(year: 2026, month: 3, day: 1)!,
                                                               reference: "R1", idempotencyKey: "bank-42")
            #expect(retried.reference == "R1")
            #expect(try rowCount(fixture.store.connection, "contributions") == 3)
            let again = try TemporaryFile("date,donor,fund,amount,reference,clé\n2026-03-02,Liffré,GAZA,10,R9,bank-42\n")
            let failure = importFailure { _ = try fixture.importer().run(path: again.path) }
            #expect(failure?.problems.first?.column == "clé")
            #expect(failure?.problems.first?.reason.contains("already used") == true)
        }
    }

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

/// Runs `body` and returns the `ImportFailure` it threw (nil when it did not throw one).
func importFailure(_ body: () throws -> Void) -> ImportFailure? {
    do {
        try body()
        return nil
    } catch let failure as ImportFailure {
        return failure
    } catch {
        Issue.record("expected an ImportFailure, got \(error)")
        return nil
    }
}

/// A small deterministic generator, so that the big file is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49EB_9CE2_3A8D
        return z ^ (z >> 31)
    }
}
