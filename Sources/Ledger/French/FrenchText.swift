import Postgres

/// French typographic conventions for what the association prints.
public enum FrenchText {
    /// "A", "A et B", "A, B et C".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " et " + items[items.count - 1]
        }
    }

    static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                             "août", "septembre", "octobre", "novembre", "décembre"]

    /// "8 juillet 2026", "1er mars 2026".
    public static func date(_ date: CalendarDate) -> String {
        let day = date.day == 1 ? "1er" : String(date.day)
        return "\(day) \(monthNames[date.month - 1]) \(date.year)"
    }

    /// "27 collectivités" / "1 collectivité".
    public static func count(_ number: Int, singular: String, plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
