import Foundation
import Hummingbird

/// The fields of a posted HTML form (`application/x-www-form-urlencoded`): name → value, the
/// last one winning when a name repeats.
struct FormBody: Sendable {
    var fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// The value, or "" when the field is absent.
    func text(_ name: String) -> String { fields[name] ?? "" }

    init(fields: [String: String]) {
        self.fields = fields
    }

    /// Reads the body of `request`, at most `limit` bytes (413 beyond).
    static func read(_ request: Request, limit: Int = 64 * 1024) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return FormBody(encoded: String(buffer: buffer))
    }

    init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
        self.fields = fields
    }

    /// A name or value of the form's encoding: `+` is a space, `%XX` a byte, the bytes UTF-8.
    /// Every character is kept as sent, so that the ledger's rules see what was typed:
    /// Foundation's `removingPercentEncoding` drops a leading byte order mark (`%EF%BB%BFBondy`
    /// became `Bondy`, and was recorded for Bondy). Text that is not UTF-8, or a broken `%`
    /// escape, is kept as sent, escapes included (the ledger then refuses or stores it as text).
    static func decode(_ part: Substring) -> String {
        let raw = Array(part.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        // What is returned when the part cannot be decoded: made only then, not for every part.
        var spaced: String { String(part).replacingOccurrences(of: "+", with: " ") }
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < raw.count, let high = hex(raw[index + 1]), let low = hex(raw[index + 2]) else { return spaced }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.utf8) == bytes ? text : spaced
    }
}
