import Postgres

/// A token of the HTTP service, as listed: never its secret, nor the digest of it.
public struct APIToken: Sendable, Codable, Equatable, RowDecodable {
    /// What a token may do. Each role includes the ones before it.
    public enum Role: String, Sendable, Codable, CaseIterable, Comparable, PostgresDecodable {
        /// Reads everything.
        case reader
        /// Also records pledges, contributions, disbursements, milestones and imports.
        case clerk
        /// Also manages funds, tokens and reversals.
        case admin

        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// Whether a token of this role may do what `required` may.
        public func allows(_ required: Role) -> Bool { self >= required }
    }

    public var id: Int64
    public var name: String
    public var role: Role
    /// When, ISO 8601 in UTC (`2026-11-27T17:31:21Z`).
    public var createdAt: String
    public var createdBy: String
    public var revokedAt: String?
    public var revokedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, createdAt = "created_at", createdBy = "created_by",
             revokedAt = "revoked_at", revokedBy = "revoked_by"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        role = try row.decode("role")
        createdAt = try row.decode("created_at")
        createdBy = try row.decode("created_by")
        revokedAt = try row.decode("revoked_at")
        revokedBy = try row.decode("revoked_by")
    }
}

/// What the database holds of a live token, for the service to check a presented secret.
public struct APITokenCredential: Sendable, RowDecodable {
    public var name: String
    public var role: APIToken.Role
    /// SHA-256 of the secret, lowercase hexadecimal.
    public var secretSHA256: String

    init(row: PostgresRow) throws {
        name = try row.decode("name")
        role = try row.decode("role")
        secretSHA256 = try row.decode("secret_sha256")
    }
}
