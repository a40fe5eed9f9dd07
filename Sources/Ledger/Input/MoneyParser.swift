/// Reads amounts the way finance staff type them, and refuses anything doubtful.
///
/// Accepted: `5000`, `5000.5`, `5 000,50`, `5 000,50 €`, `5 000,50 EUR`, `1.234,56`, `1,234.56`,
/// `1.234.567`, with plain, no-break (U+00A0) or narrow no-break (U+202F) spaces between thousands.
/// Refused, with the reason: empty, zero, a sign (`-5`, `+5`), more than two decimals, exponents, NaN or
/// infinity, letters, ambiguous separators (`12,3,4`, `1,234`), two kinds of thousands marks in one
/// amount (`1.234 567,89`; the three spaces count as one kind), a decimal separator without a digit
/// before it (`.5`) or after it (`5,`), above 1 000 000 000 000,00 €.
public enum MoneyParser {
    public static func parse(_ text: String, field: String = "amount") throws -> Money {
        func refuse(_ reason: String) -> InputError {
            InputError(field: field, value: text, reason: reason)
        }
        var body = Substring(text).trimmingSpaces()
        if body.isEmpty { throw refuse("an amount is required") }
        for suffix in ["€", "EUR", "eur", "Eur"] where body.hasSuffix(suffix) {
            body = body.dropLast(suffix.count).trimmingSpaces()
            break
        }
        if body.isEmpty { throw refuse("no digits") }
        if body.first == "-" || body.first == "−" { throw refuse("must be positive, written without a sign") }
        if body.first == "+" { throw refuse("must be written without a sign") }
        let lowered = body.lowercased()
        if lowered.contains("nan") || lowered.contains("inf") { throw refuse("not a number") }
        if body.contains(where: { $0 == "e" || $0 == "E" }),
           body.allSatisfy({ $0.isNumber || $0 == "e" || $0 == "E" || $0 == "." || $0 == "," || $0 == "+" || $0 == "-" }) {
            throw refuse("exponents are not accepted; write the amount in full")
        }
        if let bad = body.first(where: { !($0.isASCII && $0.isNumber) && $0 != "," && $0 != "." && !$0.isAmountSpace }) {
            throw refuse("unexpected character \"\(bad)\"")
        }

        let commas = body.filter { $0 == "," }.count
        let dots = body.filter { $0 == "." }.count
        var integerPart: Substring
        var fractionPart: Substring = ""
        /// The decimal separator, when the amount has one.
        var decimalMark: Character?
        var thousandsMarks: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]

        switch (commas, dots) {
        case (0, 0):
            integerPart = body
        case (1, 0), (0, 1):
            let mark: Character = commas == 1 ? "," : "."
            let pieces = body.split(separator: mark, omittingEmptySubsequences: false)
            integerPart = pieces[0]
            fractionPart = pieces[1]
            decimalMark = mark
            if fractionPart.count == 3 && !integerPart.contains(where: \.isAmountSpace)
                && (1...3).contains(integerPart.count) {
                throw refuse("ambiguous: \"\(mark)\" followed by three digits could be thousands or decimals; write 1234 or 1234,56")
            }
        case (_, 1) where commas > 1, (1, _) where dots > 1:
            // One mark repeats (thousands), the other appears once (decimals): 1,234.56 or 1.234,56.
            let decimal: Character = commas == 1 ? "," : "."
            let thousands: Character = decimal == "," ? "." : ","
            guard let decimalIndex = body.lastIndex(of: decimal),
                  !body[body.index(after: decimalIndex)...].contains(thousands) else {
                throw refuse("ambiguous separators")
            }
            integerPart = body[..<decimalIndex]
            fractionPart = body[body.index(after: decimalIndex)...]
            decimalMark = decimal
            thousandsMarks.insert(thousands)
        case (1, 1):
            let commaIndex = body.firstIndex(of: ",")!
            let dotIndex = body.firstIndex(of: ".")!
            let decimalIndex = max(commaIndex, dotIndex)
            thousandsMarks.insert(body[min(commaIndex, dotIndex)])
            integerPart = body[..<decimalIndex]
            fractionPart = body[body.index(after: decimalIndex)...]
            decimalMark = body[decimalIndex]
        default:
            if commas > 1 && dots == 0 || dots > 1 && commas == 0 {
                // Only thousands marks, e.g. 1.234.567: accept when the groups are regular.
                let mark: Character = commas > 1 ? "," : "."
                thousandsMarks.insert(mark)
                integerPart = body
            } else {
                throw refuse("ambiguous separators")
            }
        }

        if let decimalMark {
            if integerPart.isEmpty {
                throw refuse("a digit is required before the decimal separator \"\(decimalMark)\" (write 0\(decimalMark)50)")
            }
            if fractionPart.isEmpty {
                throw refuse("no decimals after the separator \"\(decimalMark)\"; write them or leave the separator out")
            }
        }
        if fractionPart.count > 2 {
            throw refuse("more than two decimals")
        }
        if !fractionPart.isEmpty && !fractionPart.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw refuse("decimals must be digits")
        }
        let digits = try groupedDigits(integerPart, marks: thousandsMarks, refuse: refuse)
        if digits.isEmpty && fractionPart.isEmpty { throw refuse("no digits") }

        var cents: Int64 = 0
        for digit in digits + fractionPart.padding(toLength: 2) {
            let (times, overflow1) = cents.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit.wholeNumberValue!))
            if overflow1 || overflow2 || sum > Money.maximum.cents {
                throw refuse("above the maximum of 1 000 000 000 000,00 €")
            }
            cents = sum
        }
        if cents == 0 { throw refuse("must be more than zero") }
        return Money(cents: cents)
    }

    /// The digits of an integer part whose thousands are separated by `marks`, groups checked.
    private static func groupedDigits(_ part: Substring, marks: Set<Character>,
                                      refuse: (String) -> InputError) throws -> String {
        let groups = part.split(omittingEmptySubsequences: false, whereSeparator: { marks.contains($0) })
        // One kind of thousands mark per amount: `1.234 567` is refused. The plain, no-break and
        // narrow no-break spaces look alike on screen, so they count as one kind.
        let kinds = Set(part.filter { marks.contains($0) }.map { $0.isAmountSpace ? " " : $0 })
        if kinds.count > 1 {
            throw refuse("ambiguous separators: use one kind of thousands mark per amount (spaces, \".\" or \",\")")
        }
        if groups.count == 1 {
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw refuse("unexpected character") }
            return String(part)
        }
        guard let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw refuse("ambiguous separators: thousands must come in groups of three digits")
        }
        return groups.joined()
    }
}

extension Character {
    var isAmountSpace: Bool { self == " " || self == "\u{00A0}" || self == "\u{202F}" }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace || first.isAmountSpace { result.removeFirst() }
        while let last = result.last, last.isWhitespace || last.isAmountSpace { result.removeLast() }
        return result
    }

    func padding(toLength length: Int) -> String {
        String(self) + String(repeating: "0", count: Swift.max(0, length - count))
    }
}
