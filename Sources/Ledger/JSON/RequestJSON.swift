import Foundation

/// Reads the JSON body of a request into the type the API uses, under the ledger's JSON policy
/// (`JSONDecoder.ledger`: snake_case keys as the type spells them, ISO dates).
///
/// It either returns the value or throws one of two structured errors, never anything else:
/// - `RequestBodyError` when the body as a whole cannot be read:
///   - `unreadable`: not UTF-8, or not JSON (even where JSONDecoder alone would skip the fault: a
///     bad escape in a key the type ignores), with where it breaks when Foundation says;
///   - `notAnInteger`, naming the top-level key whose number no `Int64` holds (`1e30`, `12.5`,
///     `99999999999999999999`) or whose fraction JSONDecoder would drop (`9007199254740993.5`,
///     which it alone reads as 9007199254740993);
///   - `duplicateKey`: a top-level key given twice (JSONDecoder keeps the first value,
///     JSONSerialization and most clients' libraries the last: the ledger would not record what
///     the client meant);
/// - `DecodingError` whose coding path names the field at fault (missing key, wrong type).
///
/// The HTTP service (`Request.decodeJSON` in `FundLedgerAPI`) turns both into a 400 problem; the
/// fuzz target `json-body` holds this function to that promise (`scripts/fuzz`).
public enum RequestJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        // RFC 8259 §8.1: JSON between systems is UTF-8. JSONDecoder would also take UTF-16 and
        // UTF-32, which the duplicate-key check below could not read.
        guard String(validating: data, as: UTF8.self) != nil else {
            throw RequestBodyError.unreadable(location: RequestBodyError.notUTF8)
        }
        let value: T
        do {
            value = try JSONDecoder.ledger.decode(T.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // Foundation names no field when a number does not fit its integer (1e30, 12.5,
            // 99999999999999999999): every number of our bodies is an integer (cents, ids).
            if let field = fieldWithNonInteger(in: data) {
                throw RequestBodyError.notAnInteger(field: field)
            }
            throw RequestBodyError.unreadable(location: whereJSONBreaks(data))
        }
        // JSONDecoder does not look inside what it skips: `{"x": "\u12", "amount_cents": 5}` reads
        // (found by scripts/fuzz). What is not JSON is refused whole, as a strict reader would.
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            // e.g. `"note": 1e400` in a key the type ignores: no Double holds it either.
            if let field = fieldWithNonInteger(in: data) { throw RequestBodyError.notAnInteger(field: field) }
            throw RequestBodyError.unreadable(location: whereJSONBreaks(data))
        }
        let bytes = [UInt8](data)
        let members = topLevelMembers(of: bytes) ?? []
        var keys: Set<String> = []
        for member in members where !keys.insert(member.key).inserted {
            throw RequestBodyError.duplicateKey(field: member.key)
        }
        // JSONDecoder reads a number beyond 2^53 with a fraction as an integer, dropping the
        // fraction (`"project_id": 9007199254740993.5` gives 9007199254740993; found by
        // scripts/fuzz). A top-level number whose value is not whole is refused when the type
        // reads that key as an integer: the same body with 0.5 there does not decode.
        for member in members where !isWholeNumber(bytes[member.value]) {
            var probe = bytes
            probe.replaceSubrange(member.value, with: Array("0.5".utf8))
            if (try? JSONDecoder.ledger.decode(T.self, from: Data(probe))) == nil {
                throw RequestBodyError.notAnInteger(field: member.key)
            }
        }
        return value
    }

    /// The members of the top-level object of `data`, in order, duplicates kept: each key (its
    /// escapes read: `"a"` and `"\u0061"` are the same key) and the bytes of its value; nil when the
    /// body is not an object. `data` must be UTF-8 JSON that JSONSerialization read (it is not
    /// validated again).
    static func topLevelMembers(of bytes: [UInt8]) -> [(key: String, value: Range<Int>)]? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        /// The index after the string that opens at `start`.
        func endOfString(_ start: Int) -> Int? {
            var index = start + 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""): return index + 1
                default: index += 1
                }
            }
            return nil
        }
        /// The index after the value that starts at `start` (a member's value: it ends at the
        /// `,` or `}` that closes it, spaces before them left out).
        func endOfValue(_ start: Int) -> Int? {
            var index = start, depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard let end = endOfString(index) else { return nil }
                    index = end
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",") {
                    if depth == 0 { break }
                    if byte != UInt8(ascii: ",") { depth -= 1 }
                }
                index += 1
            }
            while index > start && isSpace(bytes[index - 1]) { index -= 1 }
            return index > start ? index : nil
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skipSpaces() { while index < bytes.count && isSpace(bytes[index]) { index += 1 } }
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [(key: String, value: Range<Int>)] = []
        while true {
            skipSpaces()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return members }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpaces()
                // Foundation takes a trailing comma, `{"a": 1, }` (found by scripts/fuzz).
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") { return members }
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let keyEnd = endOfString(index),
                  let key = try? JSONDecoder().decode(String.self, from: Data(bytes[index..<keyEnd])) else { return nil }
            index = keyEnd
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpaces()
            guard let valueEnd = endOfValue(index) else { return nil }
            members.append((key, index..<valueEnd))
            index = valueEnd
        }
    }

    /// Whether `literal` is anything but a JSON number whose value is not whole: `12`, `250000.0`,
    /// `25e4`, `"x"` and `{}` are; `12.5`, `1e-2` and `92233720368547758.07` are not.
    static func isWholeNumber<Bytes: Collection<UInt8>>(_ literal: Bytes) -> Bool {
        var bytes = Array(literal)[...]
        guard let first = bytes.first, first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else { return true }
        if first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let integer = bytes.prefix { (0x30...0x39).contains($0) }
        bytes = bytes.dropFirst(integer.count)
        var fraction: ArraySlice<UInt8> = []
        if bytes.first == UInt8(ascii: ".") {
            fraction = bytes.dropFirst().prefix { (0x30...0x39).contains($0) }
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        var exponent = 0
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var sign = 1
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                sign = bytes.first == UInt8(ascii: "-") ? -1 : 1
                bytes = bytes.dropFirst()
            }
            for digit in bytes where (0x30...0x39).contains(digit) {
                exponent = min(exponent * 10 + Int(digit - 0x30), 1_000_000)  // saturates: 1e999999999 is whole
            }
            exponent *= sign
        }
        // The digits after the decimal point, once the exponent has moved it, must all be zeros.
        let digits = Array(integer) + Array(fraction)
        let point = integer.count + exponent
        return digits.dropFirst(max(0, point)).allSatisfy { $0 == 0x30 }
    }

    /// `ligne 2, colonne 7` where the body stops being JSON, `(corps vide)` for an empty body,
    /// nil when Foundation does not say. JSONDecoder does not say where on Linux;
    /// JSONSerialization gives the character offset.
    public static func whereJSONBreaks(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if data.isEmpty { return "(corps vide)" }
            let offset: Int
            if let range = message.range(of: #"character (\d+)"#, options: .regularExpression),
               let found = Int(message[range].dropFirst("character ".count)) {
                offset = found
            } else if message.hasPrefix("Unexpected end of file") {
                offset = data.count  // the body stops before the JSON does: cut short
            } else {
                return nil
            }
            let before = String(decoding: data.prefix(offset), as: UTF8.self)
            let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
            return "ligne \(lines.count), colonne \((lines.last?.count ?? 0) + 1)"
        }
    }

    /// The first top-level key whose value is a number that no `Int64` holds, if the body is a
    /// JSON object. Read from the text itself: a number no `Double` holds either (`1e400`) makes
    /// JSONSerialization refuse the whole body, and the member at fault must still be named.
    public static func fieldWithNonInteger(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var index = 0, depth = 0
        var lastKey: String?, expectingValue = false
        func readString() -> String? {  // at a quote; leaves index after the closing one
            var out: [UInt8] = []
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") { out.append(byte); if index + 1 < bytes.count { out.append(bytes[index + 1]) }; index += 2; continue }
                if byte == UInt8(ascii: "\"") { index += 1; return String(decoding: out, as: UTF8.self) }
                out.append(byte)
                index += 1
            }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = readString() else { return nil }
                if depth == 1 && !expectingValue { lastKey = text }
                expectingValue = false
                continue
            case UInt8(ascii: ":"):
                expectingValue = depth == 1
            case UInt8(ascii: ","):
                expectingValue = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingValue = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                if depth == 1, expectingValue, let key = lastKey,
                   Int64(String(decoding: bytes[start..<index], as: UTF8.self)) == nil {
                    return key
                }
                expectingValue = false
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }
}

/// A request body that cannot be read as a whole (see `RequestJSON.decode`).
public enum RequestBodyError: Error, Sendable, Equatable {
    /// Not JSON; `location` says where it breaks (`ligne 1, colonne 12`) when known, or
    /// `(corps vide)`, or `RequestBodyError.notUTF8`.
    case unreadable(location: String?)
    /// The top-level `field` holds a number that is not an `Int64` (a fraction, an exponent, too large).
    case notAnInteger(field: String)
    /// The top-level object gives `field` twice.
    case duplicateKey(field: String)

    /// The location of a body that is not UTF-8.
    public static let notUTF8 = "(pas en UTF-8)"
}

/// The body of `POST /v1/contributions`: `{"fund": "GAZA", "donor": "Bondy", "amount_cents": 250000,
/// "received_on": "2026-02-03", "reference": "VIR 0203"}`; `pledge_id` applies it to one pledge,
/// `"apply_to_pledges": false` records a gift without pledge. Read as given: the API checks the
/// amount (`1…Money.maximum`) and the date (`DateParser`), the store the names.
public struct NewContribution: Codable, Sendable, Equatable {
    public var fund: String
    public var donor: String
    public var amountCents: Int64
    public var receivedOn: String?
    public var reference: String?
    public var pledgeID: Int64?
    public var applyToPledges: Bool?

    public init(fund: String, donor: String, amountCents: Int64, receivedOn: String? = nil,
                reference: String? = nil, pledgeID: Int64? = nil, applyToPledges: Bool? = nil) {
        self.fund = fund
        self.donor = donor
        self.amountCents = amountCents
        self.receivedOn = receivedOn
        self.reference = reference
        self.pledgeID = pledgeID
        self.applyToPledges = applyToPledges
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case fund, donor, amountCents = "amount_cents", receivedOn = "received_on", reference
        case pledgeID = "pledge_id", applyToPledges = "apply_to_pledges"
    }
}

/// The body of `POST /v1/disbursements`: `{"project_id": 3, "milestone_id": 7, "amount_cents":
/// 1000000, "paid_on": "2026-04-02", "reference": "VIR 0402"}`. Read as given, as `NewContribution`.
public struct NewDisbursement: Codable, Sendable, Equatable {
    public var projectID: Int64
    public var milestoneID: Int64?
    public var amountCents: Int64
    public var paidOn: String?
    public var reference: String?

    public init(projectID: Int64, milestoneID: Int64? = nil, amountCents: Int64, paidOn: String? = nil,
                reference: String? = nil) {
        self.projectID = projectID
        self.milestoneID = milestoneID
        self.amountCents = amountCents
        self.paidOn = paidOn
        self.reference = reference
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case projectID = "project_id", milestoneID = "milestone_id", amountCents = "amount_cents"
        case paidOn = "paid_on", reference
    }
}
