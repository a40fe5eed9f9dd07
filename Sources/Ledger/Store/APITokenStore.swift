import Postgres

/// The HTTP service's tokens in the database: created with the digest of their secret (the
/// secret itself never reaches the database), listed, revoked, and found by their lookup part.
/// Issuing a token (random bytes, digest) is the service's `TokenIssuer`.
public struct APITokenStore: Sendable {
    public let connection: PostgresConnection
    /// Who creates or revokes, recorded on the token (e.g. `cli:alice@host`, `api:admin`).
    public var actor: String

    public init(connection: PostgresConnection, actor: String) {
        self.connection = connection
        self.actor = actor
    }

    var queries: LedgerQueries { LedgerQueries(connection: connection) }

    /// Records a token; a live token of the same name is refused (`.duplicate`).
    public func create(name: String, role: APIToken.Role, lookup: String, secretSHA256: String) throws -> APIToken {
        let name = try NameInput.name(name, field: "name")
        return try queries.write("""
            SELECT * FROM create_api_token(\(name), \(role.rawValue), \(lookup), \(secretSHA256), \(actor))
            """, lookingUp: [])
    }

    /// Revokes the live token of that name (`.notFound` when there is none).
    public func revoke(name: String) throws -> APIToken {
        let name = try NameInput.lookup(name, field: "name")
        return try queries.write("SELECT * FROM revoke_api_token(\(name), \(actor))", lookingUp: [])
    }

    /// Every token, live and revoked, oldest first.
    public func list() throws -> [APIToken] {
        try queries.read("SELECT * FROM api_tokens_list()")
    }

    /// The live token with that lookup part, if any.
    public func credential(lookup: String) throws -> APITokenCredential? {
        let rows: [APITokenCredential] = try queries.read("SELECT * FROM api_token_by_lookup(\(lookup))")
        return rows.first
    }
}

extension APITokenStore {
    /// Tokens in id order, a page at a time (the HTTP service's `GET /v1/tokens`).
    public func list(page: PageRequest) throws -> Page<APIToken> {
        let rows: [APIToken] = try queries.read("""
            SELECT * FROM api_tokens_list() WHERE id > \(page.after ?? 0) ORDER BY id LIMIT \(page.limit + 1)
            """)
        return Page(rows: rows, request: page, id: \.id)
    }
}
