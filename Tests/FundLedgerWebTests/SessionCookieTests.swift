@testable import FundLedgerWeb
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

/// When the cookies carry `Secure`, and what the CSRF token is bound to.
@Suite struct SessionCookieTests {
    static func request(forwardedProto: String?) -> Request {
        var fields: HTTPFields = [:]
        if let forwardedProto { fields[HTTPField.Name("X-Forwarded-Proto")!] = forwardedProto }
        return Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/app",
                                         headerFields: fields),
                       body: .init(buffer: ByteBuffer()))
    }

    @Test func secureOnlyOverHTTPSAsConfigured() {
        let plain = WebCookies(configuration: WebConfiguration(alwaysSecureCookies: false, trustForwardedProto: false,
                                                               environment: [:]))
        let proxied = WebCookies(configuration: WebConfiguration(alwaysSecureCookies: false, trustForwardedProto: true,
                                                                 environment: [:]))
        let always = WebCookies(configuration: WebConfiguration(environment: ["FUNDLEDGER_WEB_SECURE_COOKIES": "1"]))
        let https = Self.request(forwardedProto: "https")
        // A client could send the header itself: ignored unless a proxy is trusted to set it.
        #expect(!plain.isSecure(https))
        #expect(proxied.isSecure(https))
        #expect(proxied.isSecure(Self.request(forwardedProto: "HTTPS, http")))
        #expect(!proxied.isSecure(Self.request(forwardedProto: "http")))
        #expect(!proxied.isSecure(Self.request(forwardedProto: nil)))
        #expect(always.isSecure(Self.request(forwardedProto: nil)))
        let cookie = proxied.cookie(WebCookies.session, SessionToken.issue(), maxAge: 60, for: https)
        #expect(cookie.description.contains("Secure"))
        #expect(cookie.description.contains("HttpOnly"))
        #expect(cookie.description.contains("SameSite=Lax"))
        #expect(cookie.description.contains("Path=/app"))
    }

    @Test func theCSRFTokenBelongsToOneSessionToken() {
        let token = SessionToken.issue()
        let other = SessionToken.issue()
        #expect(SessionToken.isWellFormed(token))
        #expect(token != other)
        #expect(SessionToken.csrfMatches(SessionToken.csrfToken(for: token), token: token))
        #expect(!SessionToken.csrfMatches(SessionToken.csrfToken(for: other), token: token))
        #expect(!SessionToken.csrfMatches(nil, token: token))
        #expect(!SessionToken.csrfMatches(SessionToken.csrfToken(for: token), token: nil))
        #expect(!SessionToken.csrfMatches("", token: token))
    }
}
