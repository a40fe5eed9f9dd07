import Ledger
import Postgres

/// Values of a JSON body the ledger reads in its own terms, refused (422, naming the field as
/// the client sent it) when they cannot be.
enum APIInput {
    /// An amount in cents: at least 1, at most `Money.maximum`.
    static func amount(_ cents: Int64, field: String = "amount_cents") throws -> Money {
        guard cents > 0, cents <= Money.maximum.cents else {
            throw Problem.invalid("\(field) doit être un nombre entier de centimes, de 1 à \(Money.maximum.cents).",
                                  field: field)
        }
        return Money(cents: cents)
    }

    /// An optional amount in cents.
    static func amount(_ cents: Int64?, field: String) throws -> Money? {
        try cents.map { try amount($0, field: field) }
    }

    /// A date `2026-02-03` (or `03/02/2026`); today in Paris when absent.
    static func date(_ text: String?, field: String) throws -> CalendarDate {
        guard let text else { return DateParser.today() }
        return try DateParser.parse(text, field: field)
    }
}
