import Hummingbird
import Ledger

/// `/v1/entries`: the journal. Readers read an entry with its postings; an admin reverses one
/// (an opposite entry, linked to it: both stay in the journal).
struct EntriesController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(":id", use: show)
        group.requiring(.admin)
            .post(":id/reversal", use: reverse)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        return try .json(try await service.read { try $0.entry(id: id) })
    }

    /// `{"reason": "Virement rejeté par la banque", "on": "2026-03-02"}`: the reason is required.
    struct Reversal: Decodable {
        var reason: String
        var on: String?
    }

    /// 201 with the reversal entry and its postings, `Location: /v1/entries/{its id}`.
    @Sendable func reverse(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.requireID()
        let body = try await request.decodeJSON(Reversal.self, context: context)
        let date = try APIInput.date(body.on, field: "on")
        let reversal = try await service.record(request, context, kind: "reversal",
                                                fields: ["value_date": "on"], tables: ["journal_entries": "id"]) { store, key in
            let reversal = try store.reverseEntry(id, reason: body.reason, on: date, idempotencyKey: key)
            return try store.reader.entry(id: reversal.id)
        }
        return try .json(reversal, status: .created, location: "/v1/entries/\(reversal.entry.id)")
    }
}
