import HummingbirdAuth
import Ledger

/// Who is calling: the token's name and role, as `TokenAuthenticator` found them.
public struct APICaller: Sendable, RoleProviding {
    public var tokenName: String
    public var role: APIToken.Role

    /// Every role this caller's role includes (an admin is also a clerk and a reader), for
    /// hummingbird-auth's `RolePolicy`.
    public var roles: Set<APIToken.Role> { Set(APIToken.Role.allCases.filter(role.allows)) }

    /// Recorded on every entry the caller writes: `api:<token name>`.
    public var actor: String { "api:\(tokenName)" }

    /// The caller's idempotency key, scoped to its token so that two clients choosing the same
    /// key never see each other's requests.
    func idempotencyKey(_ header: String?) -> String? {
        header.map { "\(actor):\($0)" }
    }
}
