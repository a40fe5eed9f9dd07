import Hummingbird
import Metrics
import NIOConcurrencyHelpers
import Postgres
import Prometheus

/// `/metrics` in Prometheus text: Hummingbird's requests and latency per route and status
/// (`MetricsMiddleware`), the pool's connections in use and callers waiting, the ledger's
/// writes by kind and refusals by type (`APIMetrics`). Needs a token (any role), as every
/// route but the health probes.
struct MetricsController {
    let pool: PostgresConnectionPool

    /// The one registry of the process: swift-metrics can be bootstrapped once only, and every
    /// application built in the process (the tests build many) reports into it.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.requiring(.reader).get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: APIRequestContext) async throws -> Response {
        let usage = pool.currentUsage
        Gauge(label: "fundledger_pool_connections_in_use").record(usage.inUse)
        Gauge(label: "fundledger_pool_requests_waiting").record(usage.waiting)
        let text = Self.registry.emitToBuffer()
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }
}
