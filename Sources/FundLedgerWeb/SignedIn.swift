import Ledger

/// A signed-in staff user on a request: the session as the database gave it, and the session's
/// token (from the cookie), from which the CSRF token of its forms is derived.
struct SignedIn: Sendable {
    var session: StaffSession
    var token: String

    var email: String { session.email }
    var role: APIToken.Role { session.role }
    /// Recorded on every entry written from the screens: `web:<email>`.
    var actor: String { "web:\(session.email)" }
    /// The CSRF token every form of this session carries.
    var csrfToken: String { SessionToken.csrfToken(for: token) }
}
