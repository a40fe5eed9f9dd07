import Hummingbird
import Ledger

extension LedgerService {
    /// One write of a route, as every write route does it: as the request's caller (recorded
    /// `api:<token name>` on the entries), with the caller's `Idempotency-Key` scoped to its
    /// token, refusals naming the body's fields (`renamingFields`), and the write counted on
    /// /metrics under `kind`.
    ///
    ///     let pledge = try await service.record(request, context, kind: "pledge", fields: ["code": "fund"]) {
    ///         store, key in try store.recordPledge(…, idempotencyKey: key)
    ///     }
    func record<T: Sendable>(_ request: Request, _ context: APIRequestContext, kind: String,
                             fields: [String: String] = [:], tables: [String: String] = [:],
                             _ body: @escaping @Sendable (LedgerStore, String?) throws -> T) async throws -> T {
        let caller = try context.caller()
        let key = caller.idempotencyKey(request.idempotencyKey)
        let recorded = try await renamingFields(fields, tables: tables) {
            try await write(actor: caller.actor) { store in try body(store, key) }
        }
        APIMetrics.write(kind)
        return recorded
    }
}
