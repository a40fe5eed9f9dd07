import Foundation

/// How the screens set their cookies and hash passwords. From the environment, like
/// `APIConfiguration`:
///
/// - `FUNDLEDGER_WEB_SECURE_COOKIES=1`: cookies always carry `Secure` (the server is only reached
///   over HTTPS, e.g. behind a TLS proxy);
/// - `FUNDLEDGER_WEB_TRUST_FORWARDED_PROTO=1`: `Secure` when the proxy says `X-Forwarded-Proto: https`
///   (only behind a proxy that sets the header itself: a client could send it).
public struct WebConfiguration: Sendable {
    public var alwaysSecureCookies: Bool
    public var trustForwardedProto: Bool
    /// bcrypt's cost for passwords set through the screens' code (the CLI and tests use it too).
    public var bcryptCost: UInt8

    public init(alwaysSecureCookies: Bool? = nil, trustForwardedProto: Bool? = nil, bcryptCost: UInt8 = 12,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.alwaysSecureCookies = alwaysSecureCookies ?? (environment["FUNDLEDGER_WEB_SECURE_COOKIES"] == "1")
        self.trustForwardedProto = trustForwardedProto ?? (environment["FUNDLEDGER_WEB_TRUST_FORWARDED_PROTO"] == "1")
        self.bcryptCost = bcryptCost
    }
}
