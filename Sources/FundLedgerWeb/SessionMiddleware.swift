import Hummingbird
import Ledger

/// Finds who is signed in from the `fl_session` cookie: a live session in the database (not
/// expired, not signed out, its user not disabled). Anything else is "signed out"; each screen
/// decides what that means (the sign-in page, a redirect to it).
struct SessionMiddleware<Parent: RequestContext>: RouterMiddleware {
    typealias Context = WebRequestContext<Parent>
    let service: LedgerService

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[WebCookies.session]?.value, SessionToken.isWellFormed(token) {
            let digest = SessionToken.digest(token)
            let session = try await service.read { reader in
                try StaffUserStore(connection: reader.connection, actor: "web").session(tokenSHA256: digest)
            }
            context.signedIn = session.map { SignedIn(session: $0, token: token) }
        }
        return try await next(request, context)
    }
}
