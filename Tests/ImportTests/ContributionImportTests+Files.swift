import Foundation
import Import
import Ledger
import Postgres
import Testing
import TestSupport

/// Real files: quoted newlines, imports repeated, dry runs, idempotency keys.
extension ContributionImportTests {
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
            // A digest sent by a client is not trusted: a one-cent batch staged under the digest of
            // another file is imported as what it is, and does not make that file "already imported".
            let other = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-02,Bondy,GAZA,50,AVR-1\n", name: "avril.csv")
            let connection = fixture.store.connection
            let kinds = try connection.transaction(retry: .never) { connection -> [String] in
                try connection.execute(script: """
                    INSERT INTO import_lines (batch, line, received_on, donor, fund, amount, reference)
                    VALUES ('00000000-0000-0000-0000-000000000001', 2, '2026-03-02', 'Bondy', 'GAZA', 1, 'SPOOF-1')
                    """)
                return try connection.query("""
                    SELECT kind FROM import_contributions('00000000-0000-0000-0000-000000000001',
                                                          \(try CSVReader.sha256(path: other.path)), 'avril.csv', true, 'test', 50)
                    """).map { try $0.decode("kind", as: String.self) }
            }
            #expect(kinds.contains("import") && !kinds.contains("already_imported"), "\(kinds)")
            guard case .imported = try fixture.importer().run(path: other.path) else {
                Issue.record("the real file was skipped on the word of a spoofed digest")
                return
            }
            let afterApril = try ledgerSnapshot(connection)

            // Another file repeating one of those receipts: reported, not posted twice.
            let overlap = try TemporaryFile("date,donor,fund,amount,reference\n2026-03-05,Liffre,GAZA,20,R1\n2026-03-05,Bondy,GAZA,5,R2\n")
            let failure = importFailure { _ = try fixture.importer().run(path: overlap.path) }
            #expect(failure?.problems.map(\.line) == [2])
            #expect(failure?.problems.first?.reason.contains("already recorded for Liffré") == true)
            #expect(try ledgerSnapshot(fixture.store.connection) == afterApril)
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

}
