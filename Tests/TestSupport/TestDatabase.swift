import Foundation
import Ledger
import Postgres

/// A database of its own for one test, cloned from a template migrated once per test process.
///
/// The server comes from `DATABASE_URL` (set by `scripts/test`, which starts a private
/// PostgreSQL on a Unix socket). The database is dropped when `with` returns.
public struct TestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// A libpq URL (or conninfo) reaching it, for subprocesses and pools.
    public let url: String

    /// Opens a new connection to this database.
    public func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: url)
    }

    /// A store writing as `test`.
    public func store() throws -> LedgerStore {
        LedgerStore(connection: try connect(), actor: "test")
    }

    /// Runs `body` with a fresh migrated database, then drops it.
    ///
    /// When `body` returns, the ledger must still be sound: `verify_ledger()` and
    /// `verify_entry_chain()` are run and any row they return fails the test (a `LedgerProblems` error listing them). A test that corrupts
    /// the ledger on purpose says so with `expectingLedgerProblems: true`.
    public static func with<T>(expectingLedgerProblems: Bool = false,
                               _ body: (TestDatabase) throws -> T) throws -> T {
        let database = try create(migrated: true)
        defer { database.drop() }
        let result = try body(database)
        if !expectingLedgerProblems { try database.requireSoundLedger() }
        return result
    }

    /// Async variant, for tests that use a connection pool; checks the ledger the same way.
    public static func with<T>(expectingLedgerProblems: Bool = false,
                               _ body: (TestDatabase) async throws -> T) async throws -> T {
        let database = try create(migrated: true)
        defer { database.drop() }
        let result = try await body(database)
        if !expectingLedgerProblems { try database.requireSoundLedger() }
        return result
    }

    /// What `verify_ledger()` and `verify_entry_chain()` (every entry sealed in its fund's chain)
    /// find in this database, one line per problem (empty when sound).
    public func verifyLedger() throws -> [String] {
        let connection = try connect()
        defer { connection.close() }
        return try connection.query("""
            SELECT problem, subject, expected::text AS expected, actual::text AS actual FROM verify_ledger()
            UNION ALL
            SELECT problem, subject, expected, actual FROM verify_entry_chain()
            """).map { row in
            let expected = try row.decode("expected", as: String?.self) ?? "none"
            let actual = try row.decode("actual", as: String?.self) ?? "none"
            return "\(try row.decode("problem", as: String.self)): \(try row.decode("subject", as: String?.self) ?? "-")"
                + " (expected \(expected), actual \(actual))"
        }
    }

    /// Throws `LedgerProblems` when `verify_ledger()` returns any row.
    public func requireSoundLedger() throws {
        let problems = try verifyLedger()
        if !problems.isEmpty { throw LedgerProblems(database: name, problems: problems) }
    }

    /// Runs `body` with an empty, unmigrated database (for migration tests), then drops it.
    public static func withEmpty<T>(_ body: (TestDatabase) throws -> T) throws -> T {
        let database = try create(migrated: false)
        defer { database.drop() }
        return try body(database)
    }

    static let baseURL: String? = ProcessInfo.processInfo.environment["DATABASE_URL"]
    static let counter = Counter()

    static func create(migrated: Bool) throws -> TestDatabase {
        guard let baseURL else {
            throw TestSetupError("DATABASE_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL")
        }
        let name = "fl_test_\(getpid())_\(counter.next())"
        let admin = try PostgresConnection(conninfo: baseURL)
        defer { admin.close() }
        if migrated {
            let template = try Template.shared.get()
            try admin.execute(script: "CREATE DATABASE \(name) TEMPLATE \(template)")
        } else {
            try admin.execute(script: "CREATE DATABASE \(name)")
        }
        return TestDatabase(name: name, url: url(baseURL, database: name))
    }

    func drop() {
        guard let baseURL = Self.baseURL, let admin = try? PostgresConnection(conninfo: baseURL) else { return }
        try? admin.execute(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        admin.close()
    }

    /// The same server with another database: URL path replaced, or `dbname=` appended.
    static func url(_ base: String, database: String) -> String {
        guard base.hasPrefix("postgres://") || base.hasPrefix("postgresql://") else {
            return base + " dbname=\(database)"
        }
        let schemeEnd = base.range(of: "://")!.upperBound
        let query = base.firstIndex(of: "?") ?? base.endIndex
        let authorityAndPath = base[schemeEnd..<query]
        let authority = authorityAndPath.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return base[..<schemeEnd] + authority + "/" + database + base[query...]
    }

    /// The migrated template, created on first use by whichever test gets there first.
    final class Template: @unchecked Sendable {
        static let shared = Template()
        private let lock = NSLock()
        private var result: Result<String, any Error>?

        func get() throws -> String {
            lock.lock()
            defer { lock.unlock() }
            if let result { return try result.get() }
            let outcome = Result { try Self.build() }
            result = outcome
            return try outcome.get()
        }

        private static func build() throws -> String {
            let name = "fl_template_\(getpid())"
            let admin = try PostgresConnection(conninfo: baseURL)
            defer { admin.close() }
            try admin.execute(script: "DROP DATABASE IF EXISTS \(name)")
            try admin.execute(script: "CREATE DATABASE \(name)")
            let connection = try PostgresConnection(conninfo: TestDatabase.url(baseURL!, database: name))
            defer { connection.close() }
            try Migrator(connection: connection).migrate()
            return name
        }
    }
}

/// Thread-safe increasing numbers for database names.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// The ledger was left unsound by a test that did not expect it: what `verify_ledger()` found.
public struct LedgerProblems: Error, CustomStringConvertible {
    public let database: String
    public let problems: [String]
    public var description: String {
        "verify_ledger() found \(problems.count) problem\(problems.count == 1 ? "" : "s") at the end of the test "
            + "(database \(database)):\n  " + problems.joined(separator: "\n  ")
    }
}

/// The test environment is not set up; says what to do.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
