import Foundation
import FundLedgerAPI
import Ledger
import Postgres
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL, the one signal nothing can catch: the real `fundledger serve` killed with requests
/// in flight, the real `fundledger import contributions` killed while the database posts the
/// file. Both run as a login role granted `fundledger_writer`.
@Suite struct KillTests {
    /// 16 contributions in flight (held on the fund's row lock, so that they are in the
    /// database, not yet committed, when the server dies): the clients get no answer. The
    /// database then commits those it was running (nobody to tell), which is what makes a retry
    /// dangerous. A new server is started and every client sends its request again with the same
    /// key: each key is one contribution, the one committed without answer keeps its id.
    /// It fails if a retry posts again (two rows for a tag, `BankCheck`), if a killed request
    /// left a half-written entry (`verify`, every entry balanced), or if none of them committed
    /// without answer (the test would then not test the retry of an unknown outcome).
    @Test func serverKilledMidRequestWritesWholeEntriesAndRetriesPostOnce() async throws {
        try await TestDatabase.with { database in
            let owner = try database.connect()
            defer { owner.close() }
            let ledger = try BankLedger.setUp(LedgerStore(connection: owner, actor: "test"))
            let writers = 16
            let tokens = try (0..<writers).map { try BankAPITests.token(owner, name: "kill-w\($0)", role: .clerk) }
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = try database.loginURL(granted: "fundledger_writer")
            func serve() async throws -> (ChildProcess, Int) {
                let server = try ChildProcess(GracefulShutdownTests.binary,
                                              ["serve", "--host", "127.0.0.1", "--port", "0", "--pool-size", "8"],
                                              environment: environment)
                return (server, try await GracefulShutdownTests.port(of: server))
            }
            let (first, port) = try await serve()
            var running: ChildProcess? = first
            defer { if let running { running.signal(SIGKILL); _ = running.wait() } }
            let driver = HTTPBankDriver(port: port, tokens: tokens, timeout: .seconds(30))
            let log = BankLog()

            // Before: answered as usual.
            for writer in 0..<writers {
                let tag = "BKc\(writer).0", key = "bank-kill-\(tag)"
                let outcome = await driver.contribute(writer: writer, donor: ledger.donors[writer % ledger.donors.count], fund: "BKB",
                                                      cents: 1_000, on: ledger.today, reference: tag, key: key)
                #expect(outcome.ackedID != nil, "\(outcome)")
                log.append(BankRecord(writer: writer, kind: .contribution, tag: tag, key: key, fund: "BKB", day: ledger.today,
                                      outcome: outcome, bankEffect: 1_000))
            }

            // In flight when the server dies.
            let rowLock = try RowLock(url: database.url, select: "SELECT id FROM funds WHERE code = 'BKA' FOR UPDATE", safety: 60)
            defer { rowLock.release() }
            let requests = (0..<writers).map { writer in
                (writer: writer, tag: "BKc\(writer).1", key: "bank-kill-BKc\(writer).1",
                 donor: ledger.donors[writer % ledger.donors.count], cents: Int64(2_000 + writer))
            }
            let inFlight = Task {
                await withTaskGroup(of: (Int, BankOutcome).self) { group in
                    for request in requests {
                        group.addTask {
                            (request.writer, await driver.contribute(writer: request.writer, donor: request.donor, fund: "BKA",
                                                                     cents: request.cents, on: ledger.today,
                                                                     reference: request.tag, key: request.key))
                        }
                    }
                    return await group.reduce(into: [Int: BankOutcome]()) { $0[$1.0] = $1.1 }
                }
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while try RowLock.waiting(url: database.url) < 8, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let waitingInDatabase = try RowLock.waiting(url: database.url)
            #expect(waitingInDatabase == 8, "requests waiting in the database when the server was killed")
            first.signal(SIGKILL)
            let status = await first.exitStatus()
            running = nil
            #expect(status == 128 + SIGKILL)
            let answers = await inFlight.value
            for (writer, outcome) in answers {
                guard case .unknown = outcome else {
                    Issue.record("writer \(writer) got an answer from a killed server: \(outcome)")
                    continue
                }
            }

            // The database finishes what it was running, for nobody.
            rowLock.release()
            try await Self.waitForBackends(of: database, toEndWithin: .seconds(30))
            let committedUnanswered = try Self.tags(owner, like: "BKc%.1")
            #expect(!committedUnanswered.isEmpty && committedUnanswered.count <= 8,
                    "committed without answer: \(committedUnanswered.count)")
            #expect(try database.verifyLedger().isEmpty)

            // A new server; every client sends its request again with the same key.
            let (second, secondPort) = try await serve()
            running = second
            driver.moveTo(port: secondPort)
            for request in requests {
                let outcome = await driver.contribute(writer: request.writer, donor: request.donor, fund: "BKA", cents: request.cents,
                                                      on: ledger.today, reference: request.tag, key: request.key)
                if let earlier = committedUnanswered[request.tag] {
                    #expect(outcome.ackedID == earlier, "\(request.tag) was committed as \(earlier) without answer; the retry answered \(outcome)")
                }
                log.append(BankRecord(writer: request.writer, kind: .contribution, tag: request.tag, key: request.key, fund: "BKA",
                                      day: ledger.today, outcome: outcome, bankEffect: request.cents))
            }
            second.signal(SIGTERM)
            _ = await second.exitStatus()
            running = nil

            let problems = try BankCheck.problems(log, ledger: ledger, connection: owner)
            #expect(problems.isEmpty, "\(log.summary)\n\(problems.joined(separator: "\n"))")
            print("server killed with \(writers) requests in flight (\(waitingInDatabase) in the database): "
                  + "\(committedUnanswered.count) committed without answer, each answered with its id on retry; \(log.summary)")
        }
    }

    /// `fundledger import contributions` killed while `import_contributions()` posts a file of
    /// 10 000 lines: nothing of the file is in the ledger (the import is one transaction, never
    /// committed), every table as before, `verify` clean; run again, the file is imported whole,
    /// once; a third run writes nothing. It fails if a line of the killed run was committed (a
    /// contribution `IMP-…` found, a count changed) or if the later import doubles a line.
    @Test func importKilledMidPostingWritesNothingAndImportsOnceAfterwards() async throws {
        try await TestDatabase.with { database in
            let owner = try database.connect()
            defer { owner.close() }
            let ledger = try BankLedger.setUp(LedgerStore(connection: owner, actor: "test"))
            let lines = Int(ProcessInfo.processInfo.environment["FUNDLEDGER_KILL_IMPORT_LINES"] ?? "") ?? 10_000
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("fundledger-kill-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            var csv = "Date de réception;Collectivité;Fonds;Montant;Référence\n"
            var rng = SplitMix64(seed: 20_261_128)
            for line in 0..<lines {
                let day = ledger.day(&rng)
                let fund = BankLedger.funds[rng.int(0..<3)]
                let donor = ledger.donors[rng.int(0..<ledger.donors.count)]
                let cents = rng.int(100...90_000)
                csv += String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
                    + ";\(donor);\(fund);\(cents / 100),\(String(format: "%02d", cents % 100));IMP-\(line)\n"
            }
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            let before = try ledgerSnapshot(owner)

            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = try database.loginURL(granted: "fundledger_writer")
            let cli = try ChildProcess(GracefulShutdownTests.binary, ["import", "contributions", path], environment: environment)
            let killed = await Self.kill(cli, whenPostingFor: 0.2, url: database.url, within: 120)
            #expect(killed, "the import was not seen posting: \(cli.output)")
            let status = await cli.exitStatus()
            #expect(status == 128 + SIGKILL, "the import ended before it was killed (\(status)): \(cli.output)")

            try await Self.waitForBackends(of: database, toEndWithin: .seconds(120))
            #expect(try Self.tags(owner, like: "IMP-%").isEmpty, "lines of the killed import are in the ledger")
            #expect(try ledgerSnapshot(owner) == before, "the killed import changed the ledger")
            #expect(try rowCount(owner, "imports") == 0)
            #expect(try database.verifyLedger().isEmpty)

            // Run again: the whole file, once; a third run writes nothing.
            let whole = try await ChildProcess.runOffPool(GracefulShutdownTests.binary, ["import", "contributions", path],
                                                          environment: environment)
            #expect(whole.status == 0, "\(whole.output)")
            let again = try await ChildProcess.runOffPool(GracefulShutdownTests.binary, ["import", "contributions", path],
                                                          environment: environment)
            #expect(again.status == 0, "\(again.output)")
            let imported = try Self.tags(owner, like: "IMP-%")
            #expect(imported.count == lines, "\(imported.count) of \(lines) lines imported")
            let doubled = try owner.query("""
                SELECT count(*) AS n FROM (SELECT reference FROM contributions WHERE reference LIKE 'IMP-%'
                                            GROUP BY donor_id, reference HAVING count(*) > 1) d
                """).single().decode("n", as: Int64.self)
            #expect(doubled == 0)
            #expect(try rowCount(owner, "imports") == 1)
            print("import of \(lines) lines killed while posting: nothing written; imported whole afterwards, once")
        }
    }

    /// Kills `cli` (SIGKILL) once its `import_contributions()` has been running for `seconds`:
    /// watched from a thread of its own, not from Swift's cooperative pool, which a loaded test
    /// run may not schedule while the import posts. False when it was never seen posting.
    static func kill(_ cli: ChildProcess, whenPostingFor seconds: Double, url: String,
                     within bound: TimeInterval) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread {
                var killed = false
                if let watcher = try? PostgresConnection(conninfo: url) {
                    let deadline = Date() + bound
                    while !killed && Date() < deadline {
                        let posting = (try? watcher.query("""
                            SELECT count(*) AS n FROM pg_stat_activity
                             WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
                               AND query LIKE '%import_contributions(%'
                               AND clock_timestamp() - query_start > \(Int64(seconds * 1000))::int * interval '1 millisecond'
                            """).single().decode("n", as: Int64.self)) ?? 0
                        if posting > 0 {
                            cli.signal(SIGKILL)
                            killed = true
                        } else if Self.hasExited(cli.pid) {
                            break
                        } else {
                            usleep(5_000)
                        }
                    }
                    watcher.close()
                }
                continuation.resume(returning: killed)
            }.start()
        }
    }

    /// Whether the process ended (a zombie not reaped yet, or gone), without reaping it.
    static func hasExited(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards) else { return true }
        return stat[afterName.upperBound...].first == "Z"
    }

    /// Each contribution reference `LIKE pattern`, with its id (one per reference, or the test fails elsewhere).
    static func tags(_ connection: PostgresConnection, like pattern: String) throws -> [String: Int64] {
        var tags: [String: Int64] = [:]
        for row in try connection.query("SELECT reference, id FROM contributions WHERE reference LIKE \(pattern)") {
            tags[try row.decode("reference")] = try row.decode("id")
        }
        return tags
    }

    /// Waits until no session of the test's login roles remains on its database (a killed
    /// client's backend ends once it notices, after finishing its statement).
    static func waitForBackends(of database: TestDatabase, toEndWithin bound: Duration) async throws {
        let deadline = ContinuousClock.now + bound
        let owner = try database.connect()
        defer { owner.close() }
        while ContinuousClock.now < deadline {
            let left = try owner.query("""
                SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user
                """).single().decode("n", as: Int64.self)
            if left == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("sessions of the killed client still in the database after \(bound)")
    }
}
