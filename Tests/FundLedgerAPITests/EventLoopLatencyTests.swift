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

/// libpq blocks its thread; the pool runs it on threads of its own. If a write ran libpq on an
/// event loop or on Swift's cooperative pool (two threads on a two-core machine), writes stuck
/// on a locked row would stall every other request, `/healthz` included. Here they wait on the
/// database while `/healthz` must keep answering fast.
///
/// Proved able to fail: with `PostgresConnectionPool.withConnection` running its body in the
/// calling task instead of on its threads, the probes waited for the lock (median ≈ the lock's
/// whole hold) and this test failed.
@Suite struct EventLoopLatencyTests {
    /// Generous for a loaded two-core machine; a blocked loop costs whole seconds.
    static let medianBound: Duration = .milliseconds(250)
    static let probes = 20
    static let writes = 6

    @Test func healthAnswersWhileWritesWaitOnALockedFund() async throws {
        try await TestDatabase.with { database in
            let store = try database.store()
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: CalendarDate(iso: "2023-11-01")!)
            _ = try store.addDonor(name: "Bondy")
            store.connection.close()
            let clerk = try Self.token(database, role: .clerk)
            var logger = Logger(label: "fundledger.api.test")
            logger.logLevel = .warning
            let poolSize = 4
            let app = buildApplication(APIConfiguration(host: "127.0.0.1", port: 0,
                                                        databaseURL: try database.loginURL(granted: "fundledger_writer"),
                                                        poolSize: poolSize),
                                       logger: logger)
            // AsyncHTTPClient: concurrent requests on connections of their own (the live test
            // client sends one request at a time).
            try await app.test(.ahc(.http)) { client in
                let rowLock = try RowLock(url: database.url, select: "SELECT id FROM funds WHERE code = 'GAZA' FOR UPDATE")
                defer { rowLock.release() }
                let writes = Task {
                    try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                        for index in 0..<Self.writes {
                            group.addTask {
                                let gift = #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": \#(100 + index), "received_on": "2026-02-03"}"#
                                return try await client.execute(
                                    uri: "/v1/contributions", method: .post,
                                    headers: [.authorization: "Bearer \(clerk)", .contentType: "application/json"],
                                    body: ByteBuffer(string: gift)).status
                            }
                        }
                        return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                    }
                }
                // The pool's threads are all held by writes waiting on the lock.
                let deadline = ContinuousClock.now + .seconds(10)
                while try RowLock.waiting(url: database.url) < poolSize, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(try RowLock.waiting(url: database.url) == poolSize, "the writes never waited on the lock")

                var timings: [Duration] = []
                for _ in 0..<Self.probes {
                    let started = ContinuousClock.now
                    let response = try await client.execute(uri: "/healthz", method: .get)
                    timings.append(ContinuousClock.now - started)
                    #expect(response.status == .ok)
                    try await Task.sleep(for: .milliseconds(10))
                }
                // Still waiting after the probes: the slow work ran the whole time.
                #expect(try RowLock.waiting(url: database.url) == poolSize)
                let median = timings.sorted()[timings.count / 2]
                #expect(median < Self.medianBound, "/healthz median \(median) while writes waited: \(timings)")
                #expect(timings.max()! < .seconds(2), "/healthz slowest \(timings.max()!): \(timings)")

                rowLock.release()
                let statuses = try await writes.value
                #expect(statuses == Array(repeating: .created, count: Self.writes))
            }
        }
    }

    static func token(_ database: TestDatabase, role: APIToken.Role) throws -> String {
        let owner = try database.connect()
        defer { owner.close() }
        let issued = TokenIssuer.issue()
        _ = try APITokenStore(connection: owner, actor: "test")
            .create(name: "latency-\(role.rawValue)", role: role, lookup: issued.lookup, secretSHA256: issued.secretSHA256)
        return issued.token
    }
}
