import Foundation
import Hummingbird
import Ledger

/// Sign-in and sign-out. The password is checked against its bcrypt hash off the event loops;
/// the database then records the outcome and enforces lock-out (`staff_sign_in`). Unknown
/// e-mail, disabled user and wrong password get the same answer.
struct SignInScreen: Sendable {
    let service: LedgerService
    let templates: WebTemplates
    let cookies: WebCookies

    /// The form, with a CSRF token derived from a `fl_signin` cookie given now (or kept).
    func form(_ request: Request, signedIn: SignedIn?) -> Response {
        if signedIn != nil { return .redirect(to: "/app", type: .normal) }
        return page(request, email: "", message: nil, status: .ok)
    }

    func signIn(_ request: Request, signedIn: SignedIn?) async throws -> Response {
        let form = try await FormBody.read(request)
        guard SessionToken.csrfMatches(form["csrf"], token: request.cookies[WebCookies.signIn]?.value) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        let email = form.text("email").trimmingCharacters(in: .whitespaces)
        let password = form.text("password")
        // An address no user can have (control characters, too long) is not even looked up; the
        // answer still waits for a bcrypt check, as for any unknown address.
        let lookup = (try? NameInput.lookup(email, field: "email")).flatMap { $0.utf8.count <= 254 ? $0 : nil }
        var hash: String?
        if let lookup {
            hash = try await service.pool.withConnection { connection in
                try StaffUserStore(connection: connection, actor: "web").passwordHash(email: lookup)
            }
        }
        let passwordOK = try await StaffPassword.verify(password, hash: hash)
        guard let lookup else {
            return page(request, email: email, message: "Adresse ou mot de passe incorrect.", status: .unauthorized)
        }
        let token = SessionToken.issue()
        let outcome = try await service.pool.withConnection { connection in
            try StaffUserStore(connection: connection, actor: "web")
                .signIn(email: lookup, passwordOK: passwordOK, tokenSHA256: SessionToken.digest(token))
        }
        switch outcome {
        case .signedIn:
            var response = Response.redirect(to: "/app", type: .normal)
            response.setCookie(cookies.cookie(WebCookies.session, token, maxAge: WebCookies.sessionSeconds, for: request))
            response.setCookie(cookies.expired(WebCookies.signIn, for: request))
            return response
        case .refused:
            return page(request, email: email, message: "Adresse ou mot de passe incorrect.", status: .unauthorized)
        case .locked(let until):
            return page(request, email: email,
                        message: "Trop d’échecs de connexion : ce compte est verrouillé jusqu’à \(Self.parisTime(until)). Réessayez ensuite.",
                        status: .tooManyRequests)
        }
    }

    func signOut(_ request: Request, signedIn: SignedIn?) async throws -> Response {
        let form = try await FormBody.read(request)
        guard let signedIn else { return .redirect(to: "/app/connexion", type: .normal) }
        guard SessionToken.csrfMatches(form["csrf"], token: signedIn.token) else {
            return WebPage.forbidden(WebScreens.csrfRefusal).response(templates, signedIn: signedIn)
        }
        let digest = SessionToken.digest(signedIn.token)
        try await service.pool.withConnection { connection in
            try StaffUserStore(connection: connection, actor: "web").endSession(tokenSHA256: digest)
        }
        var response = Response.redirect(to: "/app/connexion", type: .normal)
        response.setCookie(cookies.expired(WebCookies.session, for: request))
        return response
    }

    private func page(_ request: Request, email: String, message: String?, status: HTTPResponse.Status) -> Response {
        let kept = request.cookies[WebCookies.signIn]?.value
        let token = kept.flatMap { SessionToken.isWellFormed($0) ? $0 : nil } ?? SessionToken.issue()
        var values: [String: Any] = ["email": email, "csrf": SessionToken.csrfToken(for: token)]
        if let message { values["message"] = message }
        var response = WebPage(template: "signin", title: "Connexion", values: values, status: status)
            .response(templates, signedIn: nil)
        if token != kept {
            response.setCookie(cookies.cookie(WebCookies.signIn, token, maxAge: nil, for: request))
        }
        return response
    }

    /// `2026-11-27T17:31:21Z` → `18 h 31` (Paris).
    static func parisTime(_ iso: String) -> String {
        guard let instant = ISO8601DateFormatter().date(from: iso) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DateParser.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return String(format: "%d h %02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}

