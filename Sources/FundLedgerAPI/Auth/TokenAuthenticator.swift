import Hummingbird
import HummingbirdAuth
import Ledger

/// Finds the caller of a request from its `Authorization: Bearer …` header. No header: no
/// caller (the route's `RoleRequired` answers 401). A header with a malformed, unknown or
/// revoked token: 401 at once. The token itself is never logged.
struct TokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = APIRequestContext
    let service: LedgerService

    func authenticate(request: Request, context: Context) async throws -> APICaller? {
        guard request.headers[.authorization] != nil else { return nil }
        guard let bearer = request.headers.bearer, let presented = TokenIssuer.parse(bearer.token) else {
            throw Problem.unauthorized(detail: "Le jeton présenté n'est pas un jeton FundLedger (Authorization: Bearer fl_…).")
        }
        let credential = try await service.read { reader in
            try APITokenStore(connection: reader.connection, actor: "api").credential(lookup: presented.lookup)
        }
        guard let credential, TokenIssuer.matches(secret: presented.secret, storedSHA256: credential.secretSHA256) else {
            throw Problem.unauthorized(detail: "Jeton inconnu ou révoqué.")
        }
        return APICaller(tokenName: credential.name, role: credential.role)
    }
}
