import Hummingbird
import Ledger

/// `/v1/partners`: the organisations on the ground that run the projects. Readers list and read
/// them; a clerk adds one.
struct PartnersController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(use: list)
            .get(":id", use: show)
        group.requiring(.clerk)
            .post(use: create)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        return try .json(try await service.read { try $0.partners(page: page) })
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.partner(id: id) })
    }

    /// `{"name": "Super Novae", "country": "PS"}`.
    struct NewPartner: Decodable {
        var name: String
        var country: String?
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewPartner.self, context: context)
        let partner = try await service.record(request, context, kind: "partner") { store, key in
            try store.addPartner(name: body.name, country: body.country, idempotencyKey: key)
        }
        return try .json(partner, status: .created, location: "/v1/partners/\(partner.id)")
    }
}
