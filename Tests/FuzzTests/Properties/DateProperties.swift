import Foundation
import Ledger
import Postgres

/// What `DateParser.parse` promises, whatever the text:
/// - it returns a real calendar day of 1900…2100 (checked against Foundation's Gregorian
///   calendar, not against `CalendarDate`'s own rule), or throws an `InputError` naming the field
///   and the text as given (never another error, never a trap);
/// - an accepted date written ISO (`2026-01-20`) or French (`20/01/2026`) reads back as the same
///   day, `CalendarDate(iso:)` reads its ISO text, its JSON round-trips, and its day number
///   (`daysSinceEpoch`) gives it back.
enum DateProperties {
    static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func violations(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var broken: [String] = []
        do {
            let date = try DateParser.parse(text)
            if !DateParser.years.contains(date.year) {
                broken.append("accepted the year \(date.year)")
            }
            let parts = DateComponents(year: date.year, month: date.month, day: date.day)
            let real = gregorian.date(from: parts).map { gregorian.dateComponents([.year, .month, .day], from: $0) }
            if real?.year != date.year || real?.month != date.month || real?.day != date.day {
                broken.append("accepted \(date.year)-\(date.month)-\(date.day), which is no day of the Gregorian calendar")
            }
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            for written in [date.iso, "\(two(date.day))/\(two(date.month))/\(date.year)", "\(date.day)/\(date.month)/\(date.year)"] {
                do {
                    let again = try DateParser.parse(written)
                    if again != date { broken.append("\(date.iso) written \"\(written)\" reads back as \(again.iso)") }
                } catch {
                    broken.append("\(date.iso) written \"\(written)\" is refused: \(error)")
                }
            }
            if CalendarDate(iso: date.iso) != date { broken.append("CalendarDate(iso: \"\(date.iso)\") differs") }
            if CalendarDate(daysSinceEpoch: date.daysSinceEpoch) != date {
                broken.append("\(date.iso) → day \(date.daysSinceEpoch) → \(CalendarDate(daysSinceEpoch: date.daysSinceEpoch).iso)")
            }
            if date.adding(days: 1).daysSinceEpoch != date.daysSinceEpoch + 1 || !(date < date.adding(days: 1)) {
                broken.append("the day after \(date.iso) is \(date.adding(days: 1).iso)")
            }
            do {
                let json = try JSONEncoder.ledger.encode([date])
                let back = try JSONDecoder.ledger.decode([CalendarDate].self, from: json)
                if back != [date] { broken.append("JSON of \(date.iso) reads back as \(back)") }
            } catch {
                broken.append("JSON of \(date.iso) does not read back: \(error)")
            }
        } catch let error as InputError {
            if error.field != "date" || error.value != text || error.reason.isEmpty {
                broken.append("refusal does not name the field and the text: \(error)")
            }
        } catch {
            broken.append("threw \(type(of: error)), not an InputError: \(error)")
        }
        return broken.map { "date \"\(text.fuzzEscaped)\": \($0)" }
    }
}
