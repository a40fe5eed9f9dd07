import Foundation
import Ledger
import Testing

/// The review's findings on what people type: amounts, dates, names and the default day.
@Suite("Input parsing, strict where it matters")
struct InputParsingTests {
    @Test(arguments: [
        ("1.234 567,89", "one kind of thousands mark"), ("1 234.567,89", "one kind of thousands mark"),
        ("1,234 567.89", "one kind of thousands mark"), ("1.234.567 890", "one kind of thousands mark"),
        (".5", "a digit is required before the decimal separator"), (",50", "a digit is required before the decimal separator"),
        ("5,", "no decimals after the separator"), ("5.", "no decimals after the separator"),
        ("1 234,", "no decimals after the separator"),
        ("+5", "without a sign"), ("+5,00 €", "without a sign"), ("-5", "without a sign"), ("−5", "without a sign"),
    ])
    func refusesAmount(text: String, reasonFragment: String) {
        expectRefusal(text, field: "--amount", reasonFragment: reasonFragment, MoneyParser.parse)
    }

    @Test(arguments: [
        ("5000", 500_000), ("5000.5", 500_050), ("5 000,50", 500_050), ("5 000,50 €", 500_050),
        ("5 000,50 EUR", 500_050), ("5\u{00A0}000,50", 500_050), ("5\u{202F}000,50", 500_050),
        ("1 234\u{00A0}567\u{202F}890,12", 123_456_789_012), ("1.234,56", 123_456), ("1,234.56", 123_456),
        ("1.234.567", 123_456_700), ("1,234,567", 123_456_700), ("1.234.567,89", 123_456_789),
        ("1 234.56", 123_456), ("0,5", 50), ("5 €", 500),
    ] as [(String, Int64)])
    func stillAccepts(text: String, cents: Int64) throws {
        #expect(try MoneyParser.parse(text).cents == cents)
    }

    @Test(arguments: [
        ("2026-2-3", "expected a date such as 2026-01-20 or 20/01/2026"),
        ("26-02-03", "expected a date such as 2026-01-20 or 20/01/2026"),
        ("2026-02-030", "expected a date such as 2026-01-20 or 20/01/2026"),
        ("0001-01-01", "year out of range"), ("9999-12-31", "year out of range"),
        ("0000-01-01", "year out of range"), ("1899-12-31", "year out of range"),
        ("2101-01-01", "year out of range"), ("01/01/0001", "year out of range"),
        ("31/12/9999", "year out of range"),
        ("2026-02-30", "no such day"), ("30/02/2026", "no such day"), ("2026-13-01", "no such day"),
    ])
    func refusesDate(text: String, reasonFragment: String) {
        expectRefusal(text, field: "--on", reasonFragment: reasonFragment, DateParser.parse)
    }

    @Test func acceptsTheCenturyBounds() throws {
        #expect(try DateParser.parse("1900-01-01").iso == "1900-01-01")
        #expect(try DateParser.parse("31/12/2100").iso == "2100-12-31")
        #expect(try DateParser.parse("2024-02-29").iso == "2024-02-29")
    }

    @Test(arguments: ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{202A}", "\u{202B}",
                      "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{00AD}"])
    func refusesInvisibleCharacters(invisible: String) {
        for text in ["Saint\(invisible)Calais", "\(invisible)Bondy", "Bondy\(invisible)"] {
            do {
                let name = try NameInput.clean(text, field: "name")
                Issue.record("accepted \(Array(text.unicodeScalars)) as \(Array(name.unicodeScalars))")
            } catch let error as InputError {
                #expect(error.reason == "invisible characters are not allowed")
                #expect(error.value == text)
                // Shown on the one line of stderr so the person can see where it is.
                #expect(error.description.contains("\\u{\(String(invisible.unicodeScalars.first!.value, radix: 16))}"),
                        "\(error.description)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func stillRefusesControlsAndKeepsAccents() throws {
        #expect(throws: InputError.self) { try NameInput.clean("Saint\u{0007}Calais", field: "name") }
        #expect(try NameInput.clean("  Liffre\u{0301} ", field: "name") == "Liffré")
        #expect(try NameInput.clean("Saint-Étienne-du-Rouvray", field: "name") == "Saint-Étienne-du-Rouvray")
        #expect(try NameInput.clean("Cergy\u{00A0}", field: "name") == "Cergy")
    }

    /// The association is in Paris: between 00:00 and 02:00 there, UTC is still on the day before.
    @Test(arguments: [
        ("2026-03-01T23:30:00Z", "2026-03-02"),  // winter, UTC+1: 00:30 in Paris
        ("2026-03-01T22:59:00Z", "2026-03-01"),  // 23:59 in Paris
        ("2026-07-14T22:30:00Z", "2026-07-15"),  // summer, UTC+2: 00:30 in Paris
        ("2026-07-14T21:59:00Z", "2026-07-14"),  // 23:59 in Paris
        ("2026-12-31T23:00:00Z", "2027-01-01"),  // midnight, new year in Paris
        ("2026-03-29T00:30:00Z", "2026-03-29"),  // the night the clocks go forward
    ])
    func todayIsParisToday(instant: String, expected: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: instant))
        #expect(DateParser.today(at: date).iso == expected)
    }
}
