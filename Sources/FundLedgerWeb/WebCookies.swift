import Foundation
import HTTPTypes
import Hummingbird

/// The screens' two cookies, both `HttpOnly; SameSite=Lax; Path=/app`, plus `Secure` when the
/// request came over HTTPS (`WebConfiguration`):
///
/// - `fl_session`: the session's token, for 12 hours (the database ends it sooner on sign-out
///   or when the user is disabled);
/// - `fl_signin`: a token given with the sign-in form, from which its CSRF token is derived.
struct WebCookies {
    static let session = "fl_session"
    static let signIn = "fl_signin"
    static let path = "/app"
    static let sessionSeconds = 12 * 3600
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    let configuration: WebConfiguration

    func isSecure(_ request: Request) -> Bool {
        if configuration.alwaysSecureCookies { return true }
        guard configuration.trustForwardedProto,
              let proto: String = request.headers[Self.forwardedProto] else { return false }
        let first = proto.split(separator: ",").first.map(String.init) ?? ""
        return first.trimmingCharacters(in: CharacterSet.whitespaces).lowercased() == "https"
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?, for request: Request) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: Self.path, secure: isSecure(request),
               httpOnly: true, sameSite: .lax)
    }

    /// A cookie that removes `name` from the browser.
    func expired(_ name: String, for request: Request) -> Cookie {
        cookie(name, "", maxAge: 0, for: request)
    }
}
