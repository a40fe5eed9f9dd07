/// An amount of euros, exact to the cent: `Int64` cents, never floating point.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    /// JSON policy: an amount is a bare integer of cents (`250000`), under a key ending in `_cents`.
    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }

    /// The largest amount the ledger accepts: 1 000 000 000 000,00 €.
    public static let maximum = Money(cents: 100_000_000_000_000)
    public static let zero = Money(cents: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }

    /// French display: `1 234,56 €` (narrow no-break space between thousands, no-break space before €).
    public var description: String { french }

    /// `1 234,56 €`
    public var french: String {
        let magnitude = cents.magnitude
        let euros = String(magnitude / 100)
        var grouped = ""
        for (index, digit) in euros.enumerated() {
            if index > 0 && (euros.count - index) % 3 == 0 { grouped.append("\u{202F}") }
            grouped.append(digit)
        }
        let fraction = magnitude % 100
        let sign = cents < 0 ? "-" : ""
        return "\(sign)\(grouped),\(fraction < 10 ? "0" : "")\(fraction)\u{00A0}€"
    }

    /// Machine-readable: `1234.56` (for CSV and JSON).
    public var plain: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(cents < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Accounting export: `1234,56`, decimal comma, no thousands separator (FEC).
    public var decimalComma: String {
        plain.replacingOccurrences(of: ".", with: ",")
    }
}
