import Postgres

/// A staff user of the web screens, as listed: never the password, nor its hash. Roles are the
/// HTTP service's (`APIToken.Role`): reader, clerk, admin.
public struct StaffUser: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    /// Lower case, unique.
    public var email: String
    public var role: APIToken.Role
    /// When, ISO 8601 in UTC (`2026-11-27T17:31:21Z`).
    public var createdAt: String
    public var createdBy: String
    public var disabledAt: String?
    public var disabledBy: String?
    /// Until when the user is locked after repeated failed sign-ins; nil when not locked now.
    public var lockedUntil: String?

    enum CodingKeys: String, CodingKey {
        case id, email, role, createdAt = "created_at", createdBy = "created_by",
             disabledAt = "disabled_at", disabledBy = "disabled_by", lockedUntil = "locked_until"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        email = try row.decode("email")
        role = try row.decode("role")
        createdAt = try row.decode("created_at")
        createdBy = try row.decode("created_by")
        disabledAt = try row.decode("disabled_at")
        disabledBy = try row.decode("disabled_by")
        lockedUntil = try row.decode("locked_until")
    }
}
