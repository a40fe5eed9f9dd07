import Foundation
import Ledger
import Postgres

/// What people type, read with the ledger's parsers; each refusal names the option and the text.
enum Parse {
    static func money(_ text: String, _ field: String = "--amount") throws -> Money {
        try MoneyParser.parse(text, field: field)
    }

    static func optionalMoney(_ text: String?, _ field: String) throws -> Money? {
        try text.map { try MoneyParser.parse($0, field: field) }
    }

    static func date(_ text: String, _ field: String) throws -> CalendarDate {
        try DateParser.parse(text, field: field)
    }

    /// The date given, or today (in Paris) when none.
    static func date(_ text: String?, _ field: String) throws -> CalendarDate {
        guard let text else { return today }
        return try DateParser.parse(text, field: field)
    }

    static func optionalDate(_ text: String?, _ field: String) throws -> CalendarDate? {
        try text.map { try DateParser.parse($0, field: field) }
    }

    /// Today in the association's time zone, Europe/Paris.
    static var today: CalendarDate {
        DateParser.today()
    }
}

/// French phrasing shared by the commands' confirmations.
enum Say {
    static func date(_ date: CalendarDate) -> String { FrenchText.date(date) }
    static func reference(_ reference: String?) -> String {
        reference.map { " (réf. \($0))" } ?? ""
    }
}
