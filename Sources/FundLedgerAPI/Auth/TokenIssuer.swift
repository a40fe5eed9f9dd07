import Crypto
import Foundation

/// Makes and reads the service's bearer tokens: `fl_<lookup>_<secret>`, URL-safe base64 of 16
/// random bytes (the lookup, stored as is, finds the row) and of 32 random bytes (the secret,
/// of which only the SHA-256 is stored). A fast hash is right for a random secret: no
/// dictionary holds it. The digest is compared in constant time.
public enum TokenIssuer {
    /// A new token and what the database keeps of it.
    public struct Issued: Sendable {
        public var token: String
        public var lookup: String
        public var secretSHA256: String
    }

    static let prefix = "fl_"
    static let lookupLength = 22  // 16 bytes
    static let secretLength = 43  // 32 bytes

    public static func issue() -> Issued {
        let lookup = base64URL(randomBytes(16))
        let secret = base64URL(randomBytes(32))
        return Issued(token: "\(prefix)\(lookup)_\(secret)", lookup: lookup, secretSHA256: digest(secret))
    }

    /// The lookup and secret of a presented token; nil when it cannot be one of ours.
    static func parse(_ token: String) -> (lookup: String, secret: String)? {
        let utf8 = Array(token.utf8)
        guard utf8.count == prefix.utf8.count + lookupLength + 1 + secretLength, token.hasPrefix(prefix),
              utf8.allSatisfy(isURLSafe) else { return nil }
        let lookupStart = prefix.utf8.count
        let separator = lookupStart + lookupLength
        guard utf8[separator] == UInt8(ascii: "_") else { return nil }
        return (String(decoding: utf8[lookupStart..<separator], as: UTF8.self),
                String(decoding: utf8[(separator + 1)...], as: UTF8.self))
    }

    /// Whether `secret` is the one whose SHA-256 (hex) was stored, in time independent of where
    /// they differ.
    static func matches(secret: String, storedSHA256: String) -> Bool {
        let presented = Array(digest(secret).utf8)
        let stored = Array(storedSHA256.utf8)
        guard presented.count == stored.count else { return false }
        var difference: UInt8 = 0
        for index in presented.indices {
            difference |= presented[index] ^ stored[index]
        }
        return difference == 0
    }

    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        return (0..<count).map { _ in generator.next() }
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
