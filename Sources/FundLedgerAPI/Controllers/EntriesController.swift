import Hummingbird
import Ledger
import Postgres

/// `/v1/entries`: the journal. Readers read an entry with its postings; an admin reverses one
/// (an opposite entry, linked to it: both stay in the journal), and validates the entries dated
/// through a day (their definitive FEC numbers, as `fundledger entry validate --through D`).
struct EntriesController {
    let service: LedgerService

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader)
            .get(":id", use: show)
        group.requiring(.admin)
            .post(":id/reversal", use: reverse)
            .post("validate", use: validate)
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

    /// `{"through": "2026-06-30"}`: the last day validated, today at the latest.
    struct Validation: Decodable {
        var through: String
    }

    /// What a validation did: the day, how many entries, their numbers per journal and year.
    struct Validated: Encodable {
        var through: CalendarDate
        var count: Int
        var validated: [ValidatedEntries]
    }

    /// 200 with the entries validated per journal and year (none when all were already): each
    /// keeps its number and validation date for good. The period stays open.
    @Sendable func validate(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(Validation.self, context: context)
        let through = try APIInput.date(body.through, field: "through")
        let batches = try await service.record(request, context, kind: "entries_validate") { store, _ in
            try store.validateEntries(through: through)
        }
        return try .json(Validated(through: through, count: batches.reduce(0) { $0 + $1.count }, validated: batches))
    }
}
