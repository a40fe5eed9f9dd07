import Postgres

/// A signed-in staff user, as a live session finds it: who, with which role, until when.
public struct StaffSession: Sendable, Equatable, RowDecodable {
    public var email: String
    public var role: APIToken.Role
    /// ISO 8601 in UTC.
    public var expiresAt: String

    public init(email: String, role: APIToken.Role, expiresAt: String) {
        self.email = email
        self.role = role
        self.expiresAt = expiresAt
    }

    init(row: PostgresRow) throws {
        email = try row.decode("email")
        role = try row.decode("role")
        expiresAt = try row.decode("expires_at")
    }
}

/// What `staff_sign_in` decided: a session, a refusal (unknown, disabled or wrong password: the
/// three are not told apart), or a lock-out (too many failures; the right password does not open).
public enum StaffSignIn: Sendable, Equatable {
    case signedIn(StaffSession)
    case refused
    /// Locked until that instant (ISO 8601 in UTC).
    case locked(until: String)
}

struct StaffSignInRow: RowDecodable {
    let outcome: StaffSignIn

    init(row: PostgresRow) throws {
        switch try row.decode("outcome", as: String.self) {
        case "signed_in":
            outcome = .signedIn(StaffSession(email: try row.decode("email"), role: try row.decode("role"),
                                             expiresAt: try row.decode("expires_at")))
        case "locked":
            outcome = .locked(until: try row.decode("locked_until"))
        default:
            outcome = .refused
        }
    }
}
