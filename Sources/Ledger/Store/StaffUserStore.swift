import Postgres

/// The web screens' staff users and sessions in the database, only through the functions of
/// `sql/functions/` (nobody reads `staff_users` or `staff_sessions` directly). Passwords are
/// hashed and checked by the caller (bcrypt, in FundLedgerWeb); sessions are stored as the
/// SHA-256 of their token. Lock-out after repeated failures is the database's (`staff_sign_in`).
public struct StaffUserStore: Sendable {
    public let connection: PostgresConnection
    /// Who adds or disables, recorded on the user (e.g. `cli:alice@host`).
    public var actor: String

    public init(connection: PostgresConnection, actor: String) {
        self.connection = connection
        self.actor = actor
    }

    var queries: LedgerQueries { LedgerQueries(connection: connection) }

    /// Records a user; an e-mail already known is refused (`.duplicate`), a malformed one is
    /// `.invalidInput` (field `email`).
    public func add(email: String, role: APIToken.Role, passwordHash: String) throws -> StaffUser {
        let email = try NameInput.lookup(email, field: "email")
        return try queries.write("""
            SELECT * FROM add_staff_user(\(email), \(role.rawValue), \(passwordHash), \(actor))
            """, lookingUp: [])
    }

    /// Disables the user and ends every session of it (`.notFound` when no enabled user has it).
    public func disable(email: String) throws -> StaffUser {
        let email = try NameInput.lookup(email, field: "email")
        return try queries.write("SELECT * FROM disable_staff_user(\(email), \(actor))", lookingUp: [])
    }

    /// Every user, enabled and disabled, oldest first.
    public func list() throws -> [StaffUser] {
        try queries.read("SELECT * FROM staff_users_list()")
    }

    /// The bcrypt hash of an enabled user's password; nil for an unknown or disabled e-mail.
    public func passwordHash(email: String) throws -> String? {
        try queries.strings("SELECT password_hash FROM staff_password_hash(\(email))", column: "password_hash").first
    }

    /// Records the outcome of a sign-in whose password the caller checked: a session whose token
    /// has `tokenSHA256` when the password was right and the user is not locked.
    public func signIn(email: String, passwordOK: Bool, tokenSHA256: String) throws -> StaffSignIn {
        let row: StaffSignInRow = try queries.write("""
            SELECT * FROM staff_sign_in(\(email), \(passwordOK), \(tokenSHA256))
            """, lookingUp: [])
        return row.outcome
    }

    /// The user of a live session, found by the SHA-256 of its token; nil when there is none.
    public func session(tokenSHA256: String) throws -> StaffSession? {
        let rows: [StaffSession] = try queries.read("SELECT * FROM staff_session(\(tokenSHA256))")
        return rows.first
    }

    /// Ends the session (sign-out); nothing happens for an unknown or ended one.
    public func endSession(tokenSHA256: String) throws {
        let _: EndedRow = try queries.write("SELECT * FROM end_staff_session(\(tokenSHA256))", lookingUp: [])
    }

    private struct EndedRow: RowDecodable {
        init(row: PostgresRow) throws {}
    }
}
