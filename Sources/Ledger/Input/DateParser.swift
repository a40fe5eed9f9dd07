import Foundation
import Postgres

/// Reads dates as `2026-01-20` (ISO) or `20/01/2026` (French), refusing impossible ones and years
/// outside 1900…2100 (a typing slip, not a date of the association's ledger).
public enum DateParser {
    /// The years a date typed into the ledger may have.
    public static let years = 1900...2100

    /// The association's time zone: "today" is the day in Paris.
    public static let timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!

    public static func parse(_ text: String, field: String = "date") throws -> CalendarDate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func isDigits(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        let year: Substring, month: Substring, day: Substring
        let dashed = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let slashed = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if dashed.count == 3, dashed[0].count == 4, dashed[1].count == 2, dashed[2].count == 2,
           dashed.allSatisfy(isDigits) {
            (year, month, day) = (dashed[0], dashed[1], dashed[2])
        } else if slashed.count == 3, slashed[0].count <= 2, slashed[1].count <= 2, slashed[2].count == 4,
                  slashed.allSatisfy(isDigits) {
            (year, month, day) = (slashed[2], slashed[1], slashed[0])
        } else {
            throw InputError(field: field, value: text, reason: "expected a date such as 2026-01-20 or 20/01/2026")
        }
        guard years.contains(Int(year)!) else {
            throw InputError(field: field, value: text,
                             reason: "year out of range (\(years.lowerBound) to \(years.upperBound))")
        }
        guard let date = CalendarDate(year: Int(year)!, month: Int(month)!, day: Int(day)!) else {
            throw InputError(field: field, value: text, reason: "no such day")
        }
        return date
    }

    /// The day it is in Paris at `instant` (not in UTC: from 00:00 to 01:00 or 02:00 in Paris,
    /// UTC is still on the day before).
    public static func today(at instant: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
