import Crypto
import Foundation

/// The random tokens of the screens: session tokens (in the `fl_session` cookie; the database
/// keeps their SHA-256 only), sign-in tokens (in the `fl_signin` cookie, before a session
/// exists), and the CSRF token of a form, derived from the cookie's token so that a page of
/// another site, which cannot read the cookie, cannot forge it.
enum SessionToken {
    /// 32 random bytes, URL-safe base64 (43 characters).
    static func issue() -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2)
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Lowercase hexadecimal SHA-256.
    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The CSRF token of forms shown to the holder of `token`.
    static func csrfToken(for token: String) -> String {
        digest("fundledger-csrf:" + token)
    }

    /// Whether a form's CSRF token is the one of `token`, in time independent of where they differ.
    static func csrfMatches(_ presented: String?, token: String?) -> Bool {
        guard let presented, let token else { return false }
        let expected = Array(csrfToken(for: token).utf8)
        let given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    /// Whether `text` can be one of our tokens (43 URL-safe characters): anything else in a
    /// cookie is ignored without a database round trip.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }
}
