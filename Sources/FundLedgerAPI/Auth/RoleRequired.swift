import Hummingbird
import HummingbirdAuth
import Ledger

/// The middleware a controller puts before the routes a role may use: 401 without a caller,
/// 403 (problem+json) when the caller's role does not include `role`. Built on
/// hummingbird-auth's `RolePolicy`.
enum RoleRequired {
    static func middleware(_ role: APIToken.Role)
        -> AuthorizationPolicyMiddleware<RolePolicy<APICaller>, APIRequestContext, Problem> {
        AuthorizationPolicyMiddleware(RolePolicy(role), deniedError: Problem.forbidden(role), context: APIRequestContext.self)
    }
}

extension RouterGroup where Context == APIRequestContext {
    /// A sub-group whose routes require `role` (and a token).
    func requiring(_ role: APIToken.Role) -> RouterGroup<Context> {
        group().add(middleware: RoleRequired.middleware(role))
    }
}
