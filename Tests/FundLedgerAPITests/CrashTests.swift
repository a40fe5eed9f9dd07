import Foundation
import FundLedgerAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOConcurrencyHelpers
import Postgres
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Faults in the middle of the load: the database server crashes (`pg_ctl stop -m immediate`),
/// the HTTP server is killed (SIGKILL) with requests in flight, the command line is killed in
/// the middle of an import. After each: every write acknowledged is there exactly once, nothing
/// is half-written (`verify`, every entry balanced), and clients that send their unanswered
/// requests again with the same idempotency keys never post twice.
///
/// How they fail: a write acknowledged before the crash and lost (synchronous commit off, say)
/// is a tag with no row; a retry that posts again, a tag with two rows and a bank total above
/// what the answers add up to (`BankCheck`); a service that never reconnects, `/readyz` not
/// back to 200 within the bound, and writers still without an answer at their deadline; an
/// import committed in part, contributions of the killed file found.
@Suite struct CrashTests {
    /// Writers, operations and crashes of the crash run: `FUNDLEDGER_BANK_OPS` (operations, 640
    /// by default here), `FUNDLEDGER_CRASHES` (1 by default; `scripts/soak` asks for more).
    static var crashes: Int {
        ProcessInfo.processInfo.environment["FUNDLEDGER_CRASHES"].flatMap { Int($0) }.map { max(1, $0) } ?? 1
    }

    @Test func acknowledgedWritesSurviveADatabaseCrashMidLoad() async throws {
        let run = BankRun.fromEnvironment(defaultOperations: 640)
        let crashes = Self.crashes
        print("crash run: \(run), \(crashes) crash(es)")
        try await PrivateCluster.with("crash", durable: true) { cluster in
            let (ledger, tokens) = try {
                let owner = try cluster.connectAsOwner()
                defer { owner.close() }
                return (try BankLedger.setUp(LedgerStore(connection: owner, actor: "test")),
                        try (0..<run.writers).map { try BankAPITests.token(owner, name: "crash-w\($0)", role: .clerk) })
            }()
            let app = buildApplication(APIConfiguration(host: "127.0.0.1", port: 0, databaseURL: cluster.writerURL, poolSize: 8),
                                       logger: BankAPITests.quietLogger)
            let (log, stats) = try await app.test(.live) { client in
                let port = try #require(client.port)
                let driver = HTTPBankDriver(port: port, tokens: tokens, timeout: .seconds(20))
                let load = RetryingLoad(run: run, ledger: ledger, driver: driver)
                async let finished: Void = load.run()
                var recoveries: [Duration] = []
                for crash in 1...crashes {
                    // Mid-load: once a share of the operations is acknowledged.
                    let target = run.writers * run.perWriter * crash / (crashes + 1)
                    while load.acknowledged < target && !load.isDone { try await Task.sleep(for: .milliseconds(20)) }
                    // A load already over would make this a crash after the load, not mid-load.
                    #expect(!load.isDone, "the load ended before crash \(crash): no write was in flight")
                    load.markCrash()
                    try await cluster.crash()
                    try await Task.sleep(for: .milliseconds(300))
                    try await cluster.start()
                    let restarted = ContinuousClock.now
                    try await Self.waitUntilReady(port: port, within: .seconds(30))
                    recoveries.append(ContinuousClock.now - restarted)
                }
                await finished
                return (load.log, "acknowledged before a crash: \(load.acknowledgedBeforeCrash), answered only after a retry: "
                        + "\(load.retriedAfterNoAnswer), /readyz back after \(recoveries)")
            }
            print("crash run: \(run)\n\(log.summary)\n\(stats)")
            let owner = try cluster.connectAsOwner()  // a connection of after the crashes
            defer { owner.close() }
            let problems = try BankCheck.problems(log, ledger: ledger, connection: owner, allowingUnknown: true)
            #expect(problems.isEmpty, "\(run)\n\(log.summary)\n\(stats)\n\(problems.joined(separator: "\n"))\nevery request and answer: \(problems.isEmpty ? "-" : log.dump("crash", seed: run.seed))")
            let unanswered = log.records.filter { if case .unknown = $0.outcome { true } else { false } }
            #expect(unanswered.isEmpty, "still without an answer after the restart: \(unanswered.prefix(5).map(\.tag)) \(stats)")
            #expect(log.records.contains { $0.outcome.ackedID != nil }, "nothing acknowledged")
        }
    }

    /// `/readyz` answers 200 within `bound` (the service reconnects by itself: same process, same pool).
    static func waitUntilReady(port: Int, within bound: Duration) async throws {
        let deadline = ContinuousClock.now + bound
        var last = "no answer"
        while ContinuousClock.now < deadline {
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(5)))
            client.connect()
            let response = try? await client.execute(.init("/readyz", method: .get))
            try? await client.shutdown()
            if let response {
                if response.status == .ok { return }
                last = "\(response.status.code)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("/readyz not back to 200 within \(bound) (last: \(last))")
    }
}

/// Writers that send contributions and disbursements (some beyond the fund's money) with
/// idempotency keys, and send a request without answer (503, connection lost) again with the
/// same key until it is answered, as a careful client does; each request is logged once, with
/// its final answer.
final class RetryingLoad: @unchecked Sendable {
    let run: BankRun
    let ledger: BankLedger
    let driver: HTTPBankDriver
    let log = BankLog()
    private let state = NIOLockedValueBox((acknowledged: 0, beforeCrash: 0, retried: 0, crashed: false, done: false))

    init(run: BankRun, ledger: BankLedger, driver: HTTPBankDriver) {
        self.run = run
        self.ledger = ledger
        self.driver = driver
    }

    var acknowledged: Int { state.withLockedValue { $0.acknowledged } }
    var acknowledgedBeforeCrash: Int { state.withLockedValue { $0.beforeCrash } }
    var retriedAfterNoAnswer: Int { state.withLockedValue { $0.retried } }
    var isDone: Bool { state.withLockedValue { $0.done } }
    func markCrash() { state.withLockedValue { $0.crashed = true } }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<run.writers {
                group.addTask { await self.work(writer) }
            }
        }
        state.withLockedValue { $0.done = true }
    }

    private func work(_ writer: Int) async {
        var rng = run.generator(writer: writer)
        let funds = BankLedger.funds.filter { $0 != BankLedger.closingFund }
        for step in 0..<run.perWriter {
            let fund = funds[rng.int(0..<funds.count)]
            let day = ledger.day(&rng)
            let contribution = rng.chance(70)
            let cents = Int64(rng.int(100...(contribution ? 60_000 : 120_000)))
            let tag = "BK\(contribution ? "c" : "d")\(writer).\(step)"
            let key = "bank-\(run.seed)-\(tag)"
            let donor = ledger.donors[rng.int(0..<ledger.donors.count)]
            let project = ledger.projects[fund]!
            let send: @Sendable () async -> BankOutcome = { [driver] in
                contribution
                    ? await driver.contribute(writer: writer, donor: donor, fund: fund, cents: cents, on: day, reference: tag, key: key)
                    : await driver.disburse(writer: writer, project: project, cents: cents, on: day, reference: tag, key: key)
            }
            var outcome = await send()
            var retried = false
            let deadline = ContinuousClock.now + .seconds(60)
            while case .unknown = outcome, ContinuousClock.now < deadline {
                retried = true
                try? await Task.sleep(for: .milliseconds(100))
                outcome = await send()
            }
            state.withLockedValue {
                if outcome.ackedID != nil {
                    $0.acknowledged += 1
                    if !$0.crashed { $0.beforeCrash += 1 }
                }
                if retried { $0.retried += 1 }
            }
            log.append(BankRecord(writer: writer, kind: contribution ? .contribution : .disbursement, tag: tag, key: key,
                                  fund: fund, day: day, outcome: outcome, bankEffect: contribution ? cents : -cents))
        }
    }
}
