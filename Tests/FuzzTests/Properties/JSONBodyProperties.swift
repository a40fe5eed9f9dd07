import Foundation
@testable import Ledger
import Postgres

/// What `RequestJSON.decode` promises for the bodies of `POST /v1/contributions` and
/// `POST /v1/disbursements`, whatever the bytes (huge numbers, deep nesting, invalid UTF-8):
/// - it returns the body, or throws a `RequestBodyError` (an integer field naming a top-level key
///   that holds a number no `Int64` holds; unreadable, with `ligne L, colonne C` or
///   `(corps vide)` when it says where; a key given twice) or a `DecodingError` naming a key of the body; never
///   another error, never a trap;
/// - a body it returns encodes (`JSONEncoder.ledger`) and decodes back to the same value, and
///   agrees with what `JSONSerialization` reads in the same bytes (an object; each key's value);
/// - then the API's date check gives a valid day or a refusal naming the field (`DateParser`: a
///   real day of 1900…2100, or an `InputError` naming `received_on` / `paid_on`).
enum JSONBodyProperties {
    static func violations(_ bytes: [UInt8]) -> [String] {
        let data = Data(bytes)
        var broken: [String] = []
        broken += check(NewContribution.self, data, dateField: "received_on") { $0.receivedOn }
        broken += check(NewDisbursement.self, data, dateField: "paid_on") { $0.paidOn }
        return broken.map { "body \"\(String(decoding: bytes.prefix(200), as: UTF8.self).fuzzEscaped)\": \($0)" }
    }

    static func check<Body: Codable & Equatable>(_: Body.Type, _ data: Data, dateField: String,
                                                 date: (Body) -> String?) -> [String]
    where Body: BodyKeys {
        var broken: [String] = []
        let name = "\(Body.self)"
        let bytes = [UInt8](data)
        do {
            let body = try RequestJSON.decode(Body.self, from: data)
            if String(validating: data, as: UTF8.self) == nil { broken.append("\(name): decoded from a body that is not UTF-8") }
            do {
                let again = try RequestJSON.decode(Body.self, from: try JSONEncoder.ledger.encode(body))
                if again != body { broken.append("\(name) re-encoded reads back as \(again), not \(body)") }
            } catch {
                broken.append("\(name) re-encoded does not read back: \(error)")
            }
            broken += agreesWithSerialization(body, data).map { "\(name): \($0)" }
            // The members RequestJSON checks (duplicates, whole numbers) are the object's own.
            let members = RequestJSON.topLevelMembers(of: bytes)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            if let object, Set(members?.map(\.key) ?? []) != Set(object.keys) || members?.count != object.count {
                broken.append("\(name): RequestJSON sees the members \(members?.map(\.key) ?? []), JSONSerialization \(object.keys.sorted())")
            }
            for member in members ?? []
            where Body.keyNames.contains(member.key) && !RequestJSON.isWholeNumber(bytes[member.value]) {
                broken.append("\(name): \(member.key) read from \(String(decoding: bytes[member.value], as: UTF8.self)), not a whole number")
            }
            if let text = date(body) {
                do {
                    let day = try DateParser.parse(text, field: dateField)
                    if !DateParser.years.contains(day.year) || CalendarDate(year: day.year, month: day.month, day: day.day) != day {
                        broken.append("\(name): \(dateField) \"\(text.fuzzEscaped)\" read as \(day.iso)")
                    }
                } catch let error as InputError {
                    if error.field != dateField { broken.append("\(name): a date refused under the field \(error.field)") }
                } catch {
                    broken.append("\(name): the date threw \(type(of: error)), not an InputError")
                }
            }
        } catch let error as RequestBodyError {
            switch error {
            case .notAnInteger(let field):
                // The key as the body writes it (escapes not read: JSONSerialization may refuse
                // the body whole, `1e400`).
                if !String(decoding: data, as: UTF8.self).contains("\"\(field)\"") {
                    broken.append("\(name): notAnInteger names \"\(field.fuzzEscaped)\", no key of the body")
                }
            case .duplicateKey(let field):
                if !data.isEmpty, !String(decoding: data, as: UTF8.self).contains("\"") {
                    broken.append("\(name): duplicateKey \"\(field.fuzzEscaped)\" in a body without a string")
                }
            case .unreadable(let location):
                if let location, location != "(corps vide)", location != RequestBodyError.notUTF8,
                   location.range(of: #"^ligne [1-9][0-9]*, colonne [1-9][0-9]*$"#, options: .regularExpression) == nil {
                    broken.append("\(name): unreadable at \"\(location.fuzzEscaped)\"")
                }
            }
        } catch let error as DecodingError {
            let keys = Set(Body.keyNames)
            switch error {
            case .keyNotFound(let key, let context):
                if !keys.contains(key.stringValue) || !context.codingPath.isEmpty {
                    broken.append("\(name): missing key \(key.stringValue) at \(context.codingPath.map(\.stringValue))")
                }
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                if let first = context.codingPath.first, !keys.contains(first.stringValue) {
                    broken.append("\(name): an error at \(context.codingPath.map(\.stringValue)), no key of the body")
                }
                if context.codingPath.isEmpty, case .dataCorrupted = error {
                    broken.append("\(name): a dataCorrupted error without a field escaped RequestJSON")
                }
            @unknown default:
                broken.append("\(name): an unknown DecodingError \(error)")
            }
        } catch {
            broken.append("\(name): threw \(type(of: error)), neither RequestBodyError nor DecodingError: \(error)")
        }
        return broken
    }

    /// The decoded body against `JSONSerialization`'s reading of the same bytes.
    static func agreesWithSerialization<Body: BodyKeys>(_ body: Body, _ data: Data) -> [String] {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return ["decoded, yet JSONSerialization reads no object"]
        }
        var broken: [String] = []
        for (key, value) in body.values {
            let found = object[key]
            switch value {
            case nil:
                if let found, !(found is NSNull) { broken.append("\(key) decoded as absent, JSONSerialization reads \(found)") }
            case let text as String:
                if found as? String != text { broken.append("\(key) decoded as \"\(text.fuzzEscaped)\", JSONSerialization reads \(String(describing: found))") }
            case let number as Int64:
                // JSONDecoder takes a whole number written as a fraction or an exponent
                // (`250000.0`, `25e4`) as that integer: the same value, so agreed. (Beyond 2^53 a
                // Double cannot tell `…993.5` from `…993`: RequestJSON refuses a fraction there,
                // checked on the literal; `RequestJSON.isWholeNumber` below.)
                let same = (found as? NSNumber).map { found in
                    !isBoolean(found) && (Int64(found.stringValue).map { $0 == number }
                        ?? (Double(found.stringValue) == Double(number)))
                } ?? false
                if !same {
                    broken.append("\(key) decoded as \(number), JSONSerialization reads \(String(describing: found))")
                }
            case let flag as Bool:
                if !((found as? NSNumber).map(isBoolean) ?? false) || found as? Bool != flag { broken.append("\(key) decoded as \(flag), JSONSerialization reads \(String(describing: found))") }
            default:
                broken.append("\(key): a value of an unexpected type")
            }
        }
        return broken
    }
}

/// Whether JSONSerialization read `true` or `false` (on Linux, `is Bool` also holds for the numbers 0 and 1).
func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
}

/// A request body's keys and values as the JSON names them, for the checks above.
protocol BodyKeys {
    static var keyNames: [String] { get }
    var values: [(String, Any?)] { get }
}

extension NewContribution: BodyKeys {
    static var keyNames: [String] { CodingKeys.allCases.map(\.rawValue) }
    var values: [(String, Any?)] {
        [("fund", fund), ("donor", donor), ("amount_cents", amountCents), ("received_on", receivedOn),
         ("reference", reference), ("pledge_id", pledgeID), ("apply_to_pledges", applyToPledges)]
    }
}

extension NewDisbursement: BodyKeys {
    static var keyNames: [String] { CodingKeys.allCases.map(\.rawValue) }
    var values: [(String, Any?)] {
        [("project_id", projectID), ("milestone_id", milestoneID), ("amount_cents", amountCents),
         ("paid_on", paidOn), ("reference", reference)]
    }
}
