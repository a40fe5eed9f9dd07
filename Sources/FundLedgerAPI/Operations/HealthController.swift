import Hummingbird
import Ledger

/// `/healthz` (the process answers) and `/readyz` (the database answers too: 503 with
/// `Retry-After` otherwise). Neither needs a token, so that an orchestrator can probe them.
struct HealthController {
    let service: LedgerService

    func addRoutes(to router: Router<APIRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
    }

    struct Status: Encodable {
        var status: String
    }

    @Sendable func health(_ request: Request, context: APIRequestContext) async throws -> Response {
        try .json(Status(status: "ok"))
    }

    @Sendable func ready(_ request: Request, context: APIRequestContext) async throws -> Response {
        do {
            try await service.read { try $0.ping() }
        } catch {
            context.logger.warning("not ready: the database does not answer", metadata: ["error": "\(error)"])
            throw Problem.unavailable()
        }
        return try .json(Status(status: "ready"))
    }
}
