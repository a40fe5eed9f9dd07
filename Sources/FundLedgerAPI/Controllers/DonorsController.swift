import Hummingbird
import Ledger

/// `/v1/donors`: the collectivités that pledge and give. Readers list and read them; a clerk
/// adds one (everyday recording, like the pledges and contributions that name it).
struct DonorsController {
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
        return try .json(try await service.read { try $0.donors(page: page) })
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.donor(id: id) })
    }

    /// `{"name": "Bondy", "kind": "commune", "siren": "219300100"}`; `kind` defaults to commune.
    struct NewDonor: Decodable {
        var name: String
        var kind: Donor.Kind?
        var siren: String?
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(NewDonor.self, context: context)
        let donor = try await service.record(request, context, kind: "donor") { store, key in
            try store.addDonor(name: body.name, kind: body.kind ?? .commune, siren: body.siren, idempotencyKey: key)
        }
        return try .json(donor, status: .created, location: "/v1/donors/\(donor.id)")
    }
}
