import Ledger
import Testing

@Suite("Amounts as people type them")
struct MoneyParserTests {
    @Test(arguments: [
        ("5000", 500_000), ("5000.5", 500_050), ("5 000,50", 500_050), ("5 000,50 €", 500_050),
        ("5 000,50 EUR", 500_050), ("5\u{00A0}000,50", 500_050), ("5\u{202F}000,50\u{00A0}€", 500_050),
        ("1.234,56", 123_456), ("1,234.56", 123_456), ("0,01", 1), ("12 345 678,9", 1_234_567_890),
        ("1 000 000 000 000,00 €", 100_000_000_000_000), ("  42 ", 4_200), ("1.234.567", 123_456_700),
    ] as [(String, Int64)])
    func accepts(text: String, cents: Int64) throws {
        #expect(try MoneyParser.parse(text).cents == cents)
    }

    @Test(arguments: [
        ("", "required"), ("   ", "required"), ("0", "more than zero"), ("0,00 €", "more than zero"),
        ("-5", "positive"), ("5000,123", "more than two decimals"), ("5 000,123", "more than two decimals"), ("1e5", "exponent"), ("NaN", "not a number"),
        ("inf", "not a number"), ("abc", "unexpected character"), ("12,3,4", "ambiguous"), ("1,234", "ambiguous"),
        ("50 00", "groups of three"), ("1 000 000 000 000,01", "maximum"), ("99999999999999999999", "maximum"),
        ("12€34", "unexpected character"), ("€", "no digits"),
    ])
    func refuses(text: String, reasonFragment: String) {
        expectRefusal(text, field: "--amount", reasonFragment: reasonFragment, MoneyParser.parse)
    }

    @Test func formatsInFrenchAndPlain() {
        let money = Money(cents: 123_456_789)
        #expect(money.french == "1\u{202F}234\u{202F}567,89\u{00A0}€")
        #expect(money.plain == "1234567.89")
        #expect(money.decimalComma == "1234567,89")
        #expect(Money(cents: 5).french == "0,05\u{00A0}€")
        #expect(Money(cents: -150).plain == "-1.50")
        #expect(Money(cents: 100_000).french == "1\u{202F}000,00\u{00A0}€")
    }

    @Test func parsesDatesAndRefusesImpossibleOnes() throws {
        #expect(try DateParser.parse("2026-01-20").iso == "2026-01-20")
        #expect(try DateParser.parse("20/01/2026").iso == "2026-01-20")
        #expect(try DateParser.parse("1/3/2026").iso == "2026-03-01")
        for bad in ["2026-02-30", "30/02/2026", "2026-13-01", "yesterday", ""] {
            #expect(throws: InputError.self) { try DateParser.parse(bad) }
        }
    }
}
