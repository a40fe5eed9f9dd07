import Foundation
import Import
import Ledger
import Postgres
import Testing
import TestSupport

/// Bad lines: the whole file is refused, each problem named by line and column.
extension ContributionImportTests {
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
        }
    }

}
