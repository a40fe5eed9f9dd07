import Hummingbird
import Ledger

/// `/v1/tokens`: the service's bearer tokens, managed by an admin: listed (never a secret),
/// created (the token shown once, in the 201 only), revoked. Never logged.
///
/// No `Idempotency-Key` here (422): a retry could not return the secret the first response
/// showed, since only its digest is kept; the name, unique among live tokens, already refuses a
/// second creation (409), and `GET /v1/tokens` shows what a lost response did.
struct TokensController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.admin)
            .get(use: list)
            .post(use: create)
            .post(":name/revoke", use: revoke)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        return try .json(try await service.read { reader in
            try APITokenStore(connection: reader.connection, actor: "api").list(page: page)
        })
    }

    /// `{"name": "compta", "role": "reader"}`.
    struct NewToken: Decodable {
        var name: String
        var role: APIToken.Role
    }

    /// The token as listed, plus `token`: the secret, shown this once.
    struct IssuedToken: Encodable {
        var listing: APIToken
        var token: String

        enum CodingKeys: String, CodingKey { case token }

        func encode(to encoder: any Encoder) throws {
            try listing.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(token, forKey: .token)
        }
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try context.caller()
        try refuseIdempotencyKey(request)
        let body = try await request.decodeJSON(NewToken.self, context: context)
        let issued = TokenIssuer.issue()
        let token = try await renamingFields([:]) {
            try await service.write(actor: caller.actor) { store in
                try APITokenStore(connection: store.connection, actor: caller.actor)
                    .create(name: body.name, role: body.role, lookup: issued.lookup, secretSHA256: issued.secretSHA256)
            }
        }
        APIMetrics.write("token")
        return try .json(IssuedToken(listing: token, token: issued.token), status: .created)
    }

    /// 200 with the token as listed, now revoked: it opens nothing from then on.
    @Sendable func revoke(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try context.caller()
        try refuseIdempotencyKey(request)
        let name = try context.parameters.require("name")
        let token = try await renamingFields([:]) {
            try await service.write(actor: caller.actor) { store in
                try APITokenStore(connection: store.connection, actor: caller.actor).revoke(name: name)
            }
        }
        APIMetrics.write("token_revoked")
        return try .json(token)
    }

    private func refuseIdempotencyKey(_ request: Request) throws {
        guard request.idempotencyKey == nil else {
            throw Problem.invalid("Les jetons ne prennent pas d'Idempotency-Key : le secret n'est montré qu'une fois, une reprise ne pourrait pas le rendre. Consultez GET /v1/tokens.",
                                  field: "Idempotency-Key")
        }
    }
}
