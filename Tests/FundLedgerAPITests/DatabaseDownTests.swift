import Foundation
import FundLedgerAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// With the database gone, the service says so (503, problem+json, `Retry-After`) on the probe,
/// a read and a write, whatever step meets the failure first (the token lookup, for a read), and
/// it serves again by itself once the database is back: same application, same pool, no restart.
@Suite struct DatabaseDownTests {
    @Test func answers503WhileTheDatabaseIsDownAndRecoversWithoutRestart() async throws {
        try await PrivateCluster.with("down") { cluster in
            let reader = try cluster.token(.reader, name: "lecture")
            let clerk = try cluster.token(.clerk, name: "saisie")
            var logger = Logger(label: "fundledger.api.test")
            logger.logLevel = .critical  // the failures are the point here
            let app = buildApplication(APIConfiguration(host: "127.0.0.1", port: 0, databaseURL: cluster.writerURL,
                                                        poolSize: 3),
                                       logger: logger)
            try await app.test(.live) { client in
                func send(_ method: HTTPRequest.Method, _ path: String, token: String?,
                          json: String? = nil) async throws -> TestResponse {
                    var headers: HTTPFields = [:]
                    if let token { headers[.authorization] = "Bearer \(token)" }
                    if json != nil { headers[.contentType] = "application/json" }
                    return try await client.execute(uri: path, method: method, headers: headers,
                                                    body: json.map { ByteBuffer(string: $0) })
                }
                let gift = #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 1000, "received_on": "2026-02-03"}"#
                func expectServing(_ moment: Comment) async throws {
                    #expect(try await send(.get, "/readyz", token: nil).status == .ok, moment)
                    let funds = try await send(.get, "/v1/funds", token: reader)
                    #expect(funds.status == .ok, "\(moment): \(String(buffer: funds.body))")
                    #expect(String(buffer: funds.body).contains("GAZA"), moment)
                    let recorded = try await send(.post, "/v1/contributions", token: clerk, json: gift)
                    #expect(recorded.status == .created, "\(moment): \(String(buffer: recorded.body))")
                }

                try await expectServing("before the stop")
                try await cluster.stop()
                // Twice each: the first meets the pool's idle connections the server closed,
                // the second has to open a new one and cannot.
                for attempt in 1...2 {
                    for (method, path, token, json) in [(HTTPRequest.Method.get, "/readyz", nil, nil),
                                                        (.get, "/v1/funds", reader, nil),
                                                        (.post, "/v1/contributions", clerk, gift)] {
                        let response = try await send(method, path, token: token, json: json)
                        let what: Comment = "\(method) \(path), attempt \(attempt): \(String(buffer: response.body))"
                        #expect(response.status == .serviceUnavailable, what)
                        #expect(response.headers[.contentType] == "application/problem+json", what)
                        #expect(response.headers[.retryAfter] == String(APIConfiguration.retryAfterSeconds), what)
                        #expect(String(buffer: response.body).contains("/problems/database-unavailable"), what)
                    }
                }
                try await cluster.start()
                try await expectServing("after the restart")

                // A restart between two requests (a night's maintenance): the pool's idle
                // connections all died unseen, and the very next requests must not be spent on them.
                try await cluster.stop()
                try await cluster.start()
                try await expectServing("after a restart no request saw")
            }
        }
    }
}
