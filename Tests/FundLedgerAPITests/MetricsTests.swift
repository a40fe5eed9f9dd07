import Foundation
import FundLedgerAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import NIOCore
import Postgres
import Testing
import TestSupport

/// `/metrics` after a few requests: Hummingbird's requests and latency per route and status,
/// the pool's gauges, the ledger's writes by kind and refusals by type; and no token, in it or
/// in the log (captured at trace, everything the service can say).
@Suite struct MetricsTests {
    @Test func metricsCountWhatHappenedAndNoTokenLeaks() async throws {
        try await TestDatabase.with { database in
            let store = try database.store()
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: CalendarDate(iso: "2023-11-01")!)
            _ = try store.addDonor(name: "Bondy")
            store.connection.close()
            let clerk = try EventLoopLatencyTests.token(database, role: .clerk)
            let log = CapturedLog()
            let app = buildApplication(APIConfiguration(host: "127.0.0.1", port: 0,
                                                        databaseURL: try database.loginURL(granted: "fundledger_writer"),
                                                        poolSize: 2),
                                       logger: log.logger(level: .trace))
            try await app.test(.live) { client in
                func send(_ method: HTTPRequest.Method, _ path: String, json: String? = nil,
                          token: String? = nil) async throws -> TestResponse {
                    var headers: HTTPFields = [.authorization: "Bearer \(token ?? clerk)"]
                    if json != nil { headers[.contentType] = "application/json" }
                    return try await client.execute(uri: path, method: method, headers: headers,
                                                    body: json.map { ByteBuffer(string: $0) })
                }
                #expect(try await send(.get, "/v1/funds").status == .ok)
                #expect(try await send(.get, "/v1/funds/GAZA").status == .ok)
                let gift = #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 250000, "received_on": "2026-02-03"}"#
                #expect(try await send(.post, "/v1/contributions", json: gift).status == .created)
                let unknown = #"{"fund": "NOPE", "donor": "Bondy", "amount_cents": 100, "received_on": "2026-02-03"}"#
                #expect(try await send(.post, "/v1/contributions", json: unknown).status == .notFound)
                // A well-formed token nobody issued: 401, counted, and never written anywhere.
                let forged = TokenIssuer.issue().token
                #expect(try await send(.get, "/v1/funds", token: forged).status == .unauthorized)

                let metrics = try await send(.get, "/metrics")
                #expect(metrics.status == .ok)
                #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: metrics.body)
                func has(_ name: String, _ labels: [String], _ comment: Comment) {
                    let found = text.split(separator: "\n").contains { line in
                        line.hasPrefix(name) && labels.allSatisfy { line.contains($0) }
                    }
                    #expect(found, "\(comment): no \(name) line with \(labels) in\n\(text)")
                }
                // Hummingbird's MetricsMiddleware: `hb.requests` and `http.server.request.duration`,
                // by route, method and status (swift-prometheus turns the dots into underscores).
                has("hb_requests", [#"http_route="/v1/funds""#, #"http_request_method="GET""#,
                                    #"http_response_status_code="200""#], "requests per route")
                has("hb_requests", [#"http_route="/v1/funds/{code}""#], "requests per route, parameterised")
                has("hb_requests", [#"http_route="/v1/contributions""#, #"http_response_status_code="201""#],
                    "created contribution")
                has("hb_requests", [#"http_route="/v1/contributions""#, #"http_response_status_code="404""#],
                    "refused contribution")
                has("http_server_request_duration", [#"http_route="/v1/contributions""#], "latency per route")
                has("fundledger_pool_connections_in_use", [], "pool gauge")
                has("fundledger_pool_requests_waiting", [], "pool gauge")
                has("fundledger_writes_total", [#"kind="contribution""#], "writes by kind")
                has("fundledger_refusals_total", [#"type="not-found""#], "refusals by type")
                has("fundledger_refusals_total", [#"type="unauthorized""#], "refusals by type")

                let logged = log.text
                #expect(logged.contains("/v1/contributions"), "the log was not captured:\n\(logged)")
                for token in [clerk, forged] {
                    let secret = String(token.suffix(43))  // the secret: 43 characters, which may hold "_" themselves
                    #expect(!text.contains(secret), "a token is in /metrics")
                    #expect(!logged.contains(secret), "a token is in the log:\n\(logged)")
                }
            }
        }
    }
}
