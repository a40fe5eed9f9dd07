import Ledger
@testable import Import

/// What `MoneyParser.parse` promises, whatever the text:
/// - it returns an amount of 1 cent to `Money.maximum`, or throws an `InputError` naming the
///   field and the text as given (never another error, never a trap: no overflow);
/// - text that starts with a sign (`-`, `−`, `+`) is refused;
/// - an accepted amount printed in French (`1 234,56 €`), plain (`1234.56`) or with a decimal
///   comma (`1234,56`) reads back as the same cents;
/// - the import's fast path `LineParser.plainCents` agrees with it: whatever it reads,
///   `MoneyParser` reads as the same cents (it never accepts what `MoneyParser` refuses).
enum AmountProperties {
    static func violations(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var broken: [String] = []
        let fast = LineParser.plainCents(text)
        do {
            let money = try MoneyParser.parse(text)
            if !(1...Money.maximum.cents).contains(money.cents) {
                broken.append("accepted \(money.cents) cents, outside 1…\(Money.maximum.cents)")
            }
            let trimmed = text.drop(while: { $0.isWhitespace || $0 == "\u{00A0}" || $0 == "\u{202F}" })
            if let first = trimmed.first, "-−+".contains(first) {
                broken.append("accepted a signed amount as \(money.cents) cents")
            }
            for (style, printed) in [("French", money.french), ("plain", money.plain), ("decimal comma", money.decimalComma)] {
                do {
                    let again = try MoneyParser.parse(printed)
                    if again != money {
                        broken.append("\(money.cents) cents printed \(style) as \"\(printed.fuzzEscaped)\" reads back as \(again.cents)")
                    }
                } catch {
                    broken.append("\(money.cents) cents printed \(style) as \"\(printed.fuzzEscaped)\" is refused: \(error)")
                }
            }
            if let fast, fast != money.cents {
                broken.append("LineParser.plainCents reads \(fast) cents, MoneyParser \(money.cents)")
            }
        } catch let error as InputError {
            if error.field != "amount" || error.value != text || error.reason.isEmpty {
                broken.append("refusal does not name the field and the text: \(error)")
            }
            if let fast {
                broken.append("LineParser.plainCents reads \(fast) cents where MoneyParser refuses: \(error.reason)")
            }
        } catch {
            broken.append("threw \(type(of: error)), not an InputError: \(error)")
        }
        return broken.map { "amount \"\(text.fuzzEscaped)\": \($0)" }
    }
}
