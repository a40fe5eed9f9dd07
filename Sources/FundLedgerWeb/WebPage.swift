import Hummingbird
import Ledger

/// An HTML answer of the screens: a template, its values, and the layout's (title, who is
/// signed in and the sign-out form with its CSRF token).
struct WebPage {
    var template: String
    var title: String
    var values: [String: Any] = [:]
    var status: HTTPResponse.Status = .ok

    func response(_ templates: WebTemplates, signedIn: SignedIn?) -> Response {
        var all = values
        // The screens' own sentences (titles, messages, refusals) in French typography; never the
        // values typed into a form or read from the ledger, shown as they are.
        for (key, value) in values where key == "message" || key == "heading" || key.hasSuffix("Refusal") {
            if let text = value as? String { all[key] = FrenchTypography.apply(text) }
        }
        all["pageTitle"] = FrenchTypography.apply(title)
        if let signedIn {
            all["user"] = ["email": signedIn.email, "role": WebText.role(signedIn.role),
                           "csrf": signedIn.csrfToken] as [String: Any]
        }
        let html = templates.render(template, all)
        return Self.html(html, status: status)
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                           .init("X-Content-Type-Options")!: "nosniff",
                           .init("X-Frame-Options")!: "DENY",
                           .init("Content-Security-Policy")!: "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"],
                 body: .init(byteBuffer: .init(string: html)))
    }

    /// The 403 page: signed in, but the role does not reach this screen, or a form without its
    /// CSRF token.
    static func forbidden(_ message: String) -> WebPage {
        WebPage(template: "error", title: "Accès refusé",
                values: ["heading": "Accès refusé", "message": message], status: .forbidden)
    }

    static func notFound(_ message: String) -> WebPage {
        WebPage(template: "error", title: "Introuvable",
                values: ["heading": "Introuvable", "message": message], status: .notFound)
    }
}
