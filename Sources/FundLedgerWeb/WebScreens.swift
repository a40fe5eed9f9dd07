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
///     GET  /app/fonds/{code}/promesse            the pledge form (clerk, admin); POST records it
///     GET  /app/fonds/{code}/paiement            the disbursement form against a milestone (clerk,
///                                                admin); POST records it
///     GET  /app/fonds/{code}/contre-passation/{entry}  the reversal form (admin); POST reverses
///     GET  /app/fonds/{code}/remerciements       the newsletter's thanks paragraph (?promesses=1: pledgers)
///     GET  /app/fonds/{code}/rapport             the quarterly report's page (?trimestre=2026-Q1)
///     GET  /app/fonds/{code}/rapport/{quarter}.{html,md,csv,json}   its files
///     GET  /app/fec/{year}                       the year's FEC export (all funds)
///     GET  /app/import                           the bank CSV upload (clerk, admin); POST: its dry run
///     POST /app/import/enregistrer               posts the checked file, all or nothing
///     GET  /app/copy.js                          the thanks page's copy button
///     GET  /app/donateurs/{id}                   a donor's page (its statement); /app/donors/{id}
///                                                redirects there
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
        let donor = DonorScreen(service: service, templates: templates)
        let pledge = PledgeScreen(service: service, templates: templates)
        let disbursement = DisbursementScreen(service: service, templates: templates)
        let reversal = ReversalScreen(service: service, templates: templates)
        let thanks = ThanksScreen(service: service, templates: templates)
        let quarterly = QuarterlyScreen(service: service, templates: templates)
        let upload = ImportScreen(service: service, templates: templates)
        let styleSheet = templates.styleSheet
        let copyScript = templates.copyScript

        app.get("style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                     body: .init(byteBuffer: .init(string: styleSheet)))
        }
        app.get("copy.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"],
                     body: .init(byteBuffer: .init(string: copyScript)))
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
        app.get("fonds/:code/promesse") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await pledge.form(code: try context.parameters.require("code"), signedIn: signedIn)
        }
        app.post("fonds/:code/promesse") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await pledge.record(code: try context.parameters.require("code"), request: request,
                                           signedIn: signedIn)
        }
        app.get("fonds/:code/paiement") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await disbursement.form(code: try context.parameters.require("code"), signedIn: signedIn)
        }
        app.post("fonds/:code/paiement") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await disbursement.record(code: try context.parameters.require("code"), request: request,
                                                 signedIn: signedIn)
        }
        app.get("fonds/:code/contre-passation/:entry") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await reversal.form(code: try context.parameters.require("code"),
                                           entry: try context.parameters.require("entry"), signedIn: signedIn)
        }
        app.post("fonds/:code/contre-passation/:entry") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await reversal.reverse(code: try context.parameters.require("code"),
                                              entry: try context.parameters.require("entry"), request: request,
                                              signedIn: signedIn)
        }
        app.get("fonds/:code/remerciements") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await thanks.show(code: try context.parameters.require("code"),
                                         pledgers: request.uri.queryParameters["promesses"] == "1", signedIn: signedIn)
        }
        app.get("fonds/:code/rapport") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await quarterly.show(code: try context.parameters.require("code"),
                                            quarter: request.uri.queryParameters["trimestre"].map(String.init),
                                            signedIn: signedIn)
        }
        app.get("fonds/:code/rapport/:file") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await quarterly.file(code: try context.parameters.require("code"),
                                            name: try context.parameters.require("file"), signedIn: signedIn)
        }
        app.get("fec/:year") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await quarterly.fec(year: try context.parameters.require("year"), signedIn: signedIn)
        }
        app.get("import") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return upload.form(signedIn: signedIn)
        }
        app.post("import") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await upload.check(request, signedIn: signedIn)
        }
        app.post("import/enregistrer") { request, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await upload.post(request, signedIn: signedIn)
        }
        app.get("donateurs/:id") { _, context in
            guard let signedIn = context.signedIn else { return Self.toSignIn }
            return try await donor.show(id: try context.parameters.require("id"), signedIn: signedIn)
        }
        // The English spelling of the donor's page, as other tools may link it.
        app.get("donors/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let number = Int64(id), number > 0 else { return Response(status: .notFound) }
            return .redirect(to: "/app/donateurs/\(number)", type: .permanent)
        }
            // Any other path under /app: a page in French, not the API's problem+json.
        let notFoundTemplates = templates
        app.get("**") { _, context in
            WebPage(template: "error", title: "Page introuvable",
                    values: ["heading": "Page introuvable",
                             "message": "Cette adresse ne mène à aucun écran : revenez au tableau de bord."],
                    status: .notFound)
                .response(notFoundTemplates, signedIn: context.signedIn)
        }
}

    static var toSignIn: Response { .redirect(to: "/app/connexion", type: .normal) }
}
