import Foundation
import FundLedgerAPI
import Ledger
import Postgres
import Testing
import TestSupport

/// The real `fundledger serve` binary (as a container runs it): SIGTERM while a contribution is
/// in flight lets that request finish (201), then the process exits 0, and nothing it logged
/// holds a token. Requests go through curl, as an operator's would.
@Suite struct GracefulShutdownTests {
    /// The binary `swift build` made (`.build/debug/fundledger`), or `FUNDLEDGER_BIN`.
    static let binary: String = ProcessInfo.processInfo.environment["FUNDLEDGER_BIN"]
        ?? PrivateCluster.root.appendingPathComponent(".build/debug/fundledger").path

    @Test func sigtermLetsTheRequestInFlightFinishAndExitsZero() async throws {
        try await TestDatabase.with { database in
            let store = try database.store()
            _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: nil, openedOn: CalendarDate(iso: "2023-11-01")!)
            _ = try store.addDonor(name: "Bondy")
            store.connection.close()
            let clerk = try EventLoopLatencyTests.token(database, role: .clerk)

            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = try database.loginURL(granted: "fundledger_writer")
            environment["LOG_LEVEL"] = "debug"  // more than production says, to look for tokens in
            let server = try ChildProcess(Self.binary, ["serve", "--host", "127.0.0.1", "--port", "0"],
                                          environment: environment)
            var exited = false
            defer { if !exited { server.signal(SIGKILL); _ = server.wait() } }

            let port = try await Self.port(of: server)
            let base = "http://127.0.0.1:\(port)"
            let health = try Self.curl(["\(base)/healthz"])
            #expect(health.output.hasSuffix("200"), "/healthz: \(health)")

            // One contribution held by a lock on its fund, in flight when SIGTERM comes.
            let rowLock = try RowLock(url: database.url, select: "SELECT id FROM funds WHERE code = 'GAZA' FOR UPDATE")
            defer { rowLock.release() }
            let gift = #"{"fund": "GAZA", "donor": "Bondy", "amount_cents": 4200, "received_on": "2026-02-03"}"#
            let inFlight = try ChildProcess("/usr/bin/curl", Self.curlArguments + [
                "-X", "POST", "-H", "Authorization: Bearer \(clerk)", "-H", "Content-Type: application/json",
                "--data", gift, "\(base)/v1/contributions",
            ], environment: ProcessInfo.processInfo.environment)
            let deadline = ContinuousClock.now + .seconds(10)
            while try RowLock.waiting(url: database.url) < 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try RowLock.waiting(url: database.url) == 1, "the contribution never waited on the lock")

            server.signal(SIGTERM)
            try await Task.sleep(for: .milliseconds(300))
            rowLock.release()

            let curlStatus = await inFlight.exitStatus()
            #expect(curlStatus == 0, "curl: \(curlStatus) \(inFlight.output)\nserver:\n\(server.output)")
            #expect(inFlight.output.hasSuffix("201"), "the request in flight: \(inFlight.output)")
            let status = await server.exitStatus()
            exited = true
            let logged = server.output
            #expect(status == 0, "fundledger serve exited \(status):\n\(logged)")
            #expect(logged.contains("listening"))
            #expect(!logged.contains(String(clerk.suffix(43))), "a token is in the log:\n\(logged)")
            #expect(try database.store().reader.counts().entries >= 1)
        }
    }

    /// `-s`, the body then the status on its last three characters, a bound on the wait.
    static let curlArguments = ["-s", "--max-time", "20", "-w", "%{http_code}"]

    static func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ChildProcess.run("/usr/bin/curl", curlArguments + arguments)
    }

    /// The port the server logged (`Server started and listening on 127.0.0.1:PORT`).
    static func port(of server: ChildProcess) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let marker = "listening on 127.0.0.1:"
            if let range = server.output.range(of: marker),
               let port = Int(server.output[range.upperBound...].prefix(while: \.isNumber)) {
                return port
            }
            // Looked at once more after the deadline: a loaded run may not wake this task in time.
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("fundledger serve (pid \(server.pid)) did not start; its output (\(server.outputPath)):\n\(server.output)")
    }
}
