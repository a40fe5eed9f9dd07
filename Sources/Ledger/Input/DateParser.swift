import Foundation
import Postgres

/// Reads dates as `2026-01-20` (ISO) or `20/01/2026` (French), refusing impossible ones.
public enum DateParser {
    public static func parse(_ text: String, field: String = "date") throws -> CalendarDate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = CalendarDate(iso: trimmed) { return date }
        let slashed = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if slashed.count == 3, slashed[0].count <= 2, slashed[1].count <= 2, slashed[2].count == 4,
           slashed.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            if let date = CalendarDate(year: Int(slashed[2])!, month: Int(slashed[1])!, day: Int(slashed[0])!) {
                return date
            }
            throw InputError(field: field, value: text, reason: "no such day")
        }
        let dashed = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, dashed[0].count == 4,
           dashed.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            throw InputError(field: field, value: text, reason: "no such day")
        }
        throw InputError(field: field, value: text, reason: "expected a date such as 2026-01-20 or 20/01/2026")
    }
}
