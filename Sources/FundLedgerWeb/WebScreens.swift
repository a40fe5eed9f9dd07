import Hummingbird
import Ledger
import Logging

/// The finance staff's screens, under /app of `fundledger serve`:
///
///     GET  /app                                  dashboard
///     GET  /app/connexion, POST /app/connexion   sign-in
///     POST /app/deconnexion                      sign-out
///     GET  /app/fonds/{code}                     a fund's page
///     GET  /app/fonds/{code}/versement           the contribution form (clerk, admin)
///     POST /app/fonds/{code}/versement           records it
///     GET  /app/style.css
///
/// Thin like the API's controllers: read the form, call the ledger, render a template. Every
/// POST checks the form's CSRF token (403 page otherwise); pages of a signed-out browser send
/// it to the sign-in form.
public struct WebScreens: Sendable {
    let service: LedgerService
    let configuration: WebConfiguration
    let templates: WebTemplates

    static let csrfRefusal = "Ce formulaire n’est plus valable (jeton de sécurité absent ou périmé) : rechargez la page et recommencez."

    public init(service: LedgerService, configuration: WebConfiguration = WebConfiguration()) {
        self.service = service
        self.configuration = configuration
        templates = WebTemplates.shipped
    }

    /// Adds the screens under `/app` of `router`, in a group whose context is `WebRequestContext`.
    public func addRoutes<Router: RouterMethods>(to router: Router) {
        let app = router.group("app", context: WebRequestContext<Router.Context>.self)
            .add(middleware: WebErrorMiddleware<Router.Context>(templates: templates))
            .add(middleware: SessionMiddleware<Router.Context>(service: service))
        let cookies = WebCookies(configuration: configuration)
        let signIn = SignInScreen(service: service, templates: templates, cookies: cookies)
        let dashboard = DashboardScreen(service: service, templates: templates)
        let fund = FundScreen(service: service, templates: templates)
        let contribution = ContributionScreen(service: service, templates: templates)
        let styleSheet = templates.styleSheet

        app.get("style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                     body: .init(byteBuffer: .init(string: styleSheet)))
        }
        app.get("connexion") { request, context in signIn.form(request, signedIn: context.signedIn) }
        app.post("connexion") { request, context in try await signIn.signIn(request, signedIn: context.signedIn) }
        app.post("deconnexion") { request, context in try await signIn.signOut(request, signedIn: context.signedIn) }
        app.get("") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await dashboard.show(signedIn: signedIn)
        }
        app.get("fonds/:code") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await fund.show(code: try context.parameters.require("code"), signedIn: signedIn)
        }
        app.get("fonds/:code/versement") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await contribution.form(code: try context.parameters.require("code"), signedIn: signedIn)
        }
        app.post("fonds/:code/versement") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await contribution.record(code: try context.parameters.require("code"), request: request,
                                                 signedIn: signedIn)
        }
    }

    static var toSignIn: Response { .redirect(to: "/app/connexion", type: .normal) }
}
