import Foundation
import FundLedgerAPI
import Ledger
import Postgres
import TestSupport

/// A PostgreSQL cluster of one test's own, made by `scripts/pg` under a name no other test or
/// run uses, for tests that stop the server: stopping the shared test cluster would fail every
/// other test running beside them. Migrated, with a login role granted `fundledger_writer`
/// (as production connects), the funds GAZA and the donor Bondy. Destroyed when `with` returns.
struct PrivateCluster: Sendable {
    /// The cluster's `scripts/pg` name.
    let name: String
    /// The owner's URL (migrations, fixtures, locks).
    let ownerURL: String
    /// A login role granted `fundledger_writer`, for the service.
    let writerURL: String

    /// The repository's root (`scripts/pg` lives there), from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// - Parameter durable: commits acknowledged only once in the WAL (`synchronous_commit = on`;
    ///   `scripts/pg` turns it off for speed): for the tests that crash the server and count
    ///   on every acknowledged write being there after the restart. (`fsync` stays off: an
    ///   immediate stop kills the server's processes, not the machine, so the kernel keeps
    ///   what they wrote.)
    static func with<T: Sendable>(_ label: String, durable: Bool = false,
                                  _ body: @Sendable (PrivateCluster) async throws -> T) async throws -> T {
        let name = "api-\(label)-\(getpid())"
        do {
            let result = try await prepared(name, durable: durable, body)
            _ = try? await pg(name, "destroy")
            return result
        } catch {
            _ = try? await pg(name, "destroy")
            throw error
        }
    }

    private static func prepared<T: Sendable>(_ name: String, durable: Bool,
                                              _ body: @Sendable (PrivateCluster) async throws -> T) async throws -> T {
        try await pg(name, "start")
        let ownerURL = try await pg(name, "url").trimmingCharacters(in: .whitespacesAndNewlines)
        let owner = try PostgresConnection(conninfo: ownerURL)
        defer { owner.close() }
        if durable {
            try owner.execute(script: "ALTER SYSTEM SET synchronous_commit = on")
            _ = try owner.query("SELECT pg_reload_conf()")
        }
        _ = try Migrator(connection: owner).migrate()
        try owner.execute(script: "CREATE ROLE fl_api_writer LOGIN IN ROLE fundledger_writer")
        let store = LedgerStore(connection: owner, actor: "test")
        _ = try store.openFund(code: "GAZA", name: "Fonds Gaza", audience: "la population gazaouie",
                               openedOn: CalendarDate(iso: "2023-11-01")!)
        _ = try store.addDonor(name: "Bondy")
        let writerURL = ownerURL.replacingOccurrences(of: "user=postgres", with: "user=fl_api_writer")
        return try await body(PrivateCluster(name: name, ownerURL: ownerURL, writerURL: writerURL))
    }

    /// `pg_ctl stop -m fast` (through `scripts/pg stop`): every connection is closed at once.
    func stop() async throws { try await Self.pg(name, "stop") }

    func start() async throws { try await Self.pg(name, "start") }

    /// `pg_ctl stop -m immediate` (through `scripts/pg crash`): the server's processes quit at
    /// once, transactions in flight are lost, the next start recovers from the WAL.
    func crash() async throws { try await Self.pg(name, "crash") }

    /// The owner's connection, for fixtures and checks.
    func connectAsOwner() throws -> PostgresConnection { try PostgresConnection(conninfo: ownerURL) }

    /// A token of `role` made as `fundledger token create` makes it.
    func token(_ role: APIToken.Role, name tokenName: String) throws -> String {
        let owner = try PostgresConnection(conninfo: ownerURL)
        defer { owner.close() }
        let issued = TokenIssuer.issue()
        _ = try APITokenStore(connection: owner, actor: "test")
            .create(name: tokenName, role: role, lookup: issued.lookup, secretSHA256: issued.secretSHA256)
        return issued.token
    }

    @discardableResult
    static func pg(_ name: String, _ command: String) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["FUNDLEDGER_PG_NAME"] = name
        environment.removeValue(forKey: "FUNDLEDGER_PG_DIR")
        environment.removeValue(forKey: "FUNDLEDGER_DB")
        let (status, output) = try await ChildProcess.runOffPool(root.appendingPathComponent("scripts/pg").path,
                                                                 [command], environment: environment)
        guard status == 0 else { throw TestSetupError("scripts/pg \(command) (\(name)) failed: \(output)") }
        return output
    }
}
