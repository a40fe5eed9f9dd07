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
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        self.fields = fields
    }
}
