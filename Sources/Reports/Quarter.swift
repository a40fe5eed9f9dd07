import Ledger
import Postgres

/// A calendar quarter, `2026-Q1` = 1 January – 31 March 2026.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1 to 4.
    public let number: Int

    public init?(year: Int, number: Int) {
        guard (1...9999).contains(year), (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    /// Parses `2026-Q1` (also `2026-q1`); nil for anything else (`2026-Q5`, `2026Q1`, `Q1`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
              let year = Int(parts[0]), let number = Int(parts[1].dropFirst())
        else { return nil }
        self.init(year: year, number: number)
    }

    /// The quarter a day falls in.
    public init(containing date: CalendarDate) {
        self.year = date.year
        self.number = (date.month - 1) / 3 + 1
    }

    /// First day: 2026-01-01 for 2026-Q1.
    public var start: CalendarDate { CalendarDate(year: year, month: number * 3 - 2, day: 1)! }

    /// Last day: 2026-03-31 for 2026-Q1.
    public var end: CalendarDate {
        let month = number * 3
        return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
    }

    public var next: Quarter {
        number == 4 ? Quarter(year: year + 1, number: 1)! : Quarter(year: year, number: number + 1)!
    }

    public var previous: Quarter {
        number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)!
    }

    /// `2026-Q1`.
    public var description: String { "\(year)-Q\(number)" }

    /// `1er trimestre 2026`, `2e trimestre 2026`.
    public var french: String { "\(number == 1 ? "1er" : "\(number)e") trimestre \(year)" }

    /// `T1 2026`, for chart labels.
    public var short: String { "T\(number) \(year)" }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }
}
