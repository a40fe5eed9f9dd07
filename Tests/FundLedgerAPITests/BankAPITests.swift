import Foundation
import FundLedgerAPI
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import Postgres
import Testing
import TestSupport

/// Jepsen's bank test, adapted, through the HTTP API: the real application (`buildApplication`,
/// as `fundledger serve` runs it, pool of 8 as a login role granted `fundledger_writer`) on a
/// loopback port, 16 writers each with its own admin token and its own connections, making
/// the seeded random operations of `BankWorkload`; `BankCheck` then holds every answer against
/// the database (see `BankTests` for what each check catches). Short here (1 200 operations by
/// default); `FUNDLEDGER_BANK_OPS` and `FUNDLEDGER_SEED` as for `BankTests`.
@Suite struct BankAPITests {
    @Test func bankInvariantHoldsUnderConcurrentHTTPWriters() async throws {
        let run = BankRun.fromEnvironment(defaultOperations: 1_200)
        print(run)
        try await TestDatabase.with { database in
            let owner = try database.connect()
            defer { owner.close() }
            let ledger = try BankLedger.setUp(LedgerStore(connection: owner, actor: "test"))
            let tokens = try (0..<run.writers).map { try Self.token(owner, name: "bank-w\($0)", role: .admin) }
            let app = buildApplication(APIConfiguration(host: "127.0.0.1", port: 0,
                                                        databaseURL: try database.loginURL(granted: "fundledger_writer"),
                                                        poolSize: 8),
                                       logger: Self.quietLogger)
            let log = try await app.test(.live) { client in
                let driver = HTTPBankDriver(port: try #require(client.port), tokens: tokens)
                let started = ContinuousClock.now
                let log = await BankWorkload.run(run, ledger: ledger, driver: driver)
                print("\(run)\nHTTP: \(log.summary)\nin \(ContinuousClock.now - started)")
                return log
            }
            let problems = try BankCheck.problems(log, ledger: ledger, connection: owner)
            #expect(problems.isEmpty, "\(run)\n\(log.summary)\n\(problems.joined(separator: "\n"))\nevery request and answer: \(problems.isEmpty ? "-" : log.dump("bank-http", seed: run.seed))")
            #expect(BankCheck.unmet(log).isEmpty, "\(run)\n\(log.summary)\n\(BankCheck.unmet(log))")
            // Every entry the API wrote names its writer's token, and the login role, not the owner.
            let owners = try owner.query("""
                SELECT count(*) AS n FROM journal_entries
                 WHERE recorded_by LIKE 'api:bank-w%' AND db_user::text = current_user
                """).single().decode("n", as: Int64.self)
            #expect(owners == 0, "entries written as the schema's owner")
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "fundledger.api.test")
        logger.logLevel = .critical  // refusals and lost connections are the test's business
        return logger
    }

    /// A token made as `fundledger token create` makes it.
    static func token(_ owner: PostgresConnection, name: String, role: APIToken.Role) throws -> String {
        let issued = TokenIssuer.issue()
        _ = try APITokenStore(connection: owner, actor: "test")
            .create(name: name, role: role, lookup: issued.lookup, secretSHA256: issued.secretSHA256)
        return issued.token
    }
}
