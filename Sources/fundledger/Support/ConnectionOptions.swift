import ArgumentParser
import Foundation
import Ledger
import Postgres

/// Where the database is, shared by every command.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("PostgreSQL URL or connection string (default: DATABASE_URL, else libpq's PG* variables).",
                               valueName: "url"))
    var databaseURL: String?

    func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: databaseURL)
    }

    /// A store that records `cli:<user>@<host>` as the actor of every write.
    func store() throws -> LedgerStore {
        LedgerStore(connection: try connect(), actor: Self.actor)
    }

    /// The ledger's reads.
    func reader() throws -> LedgerReader {
        LedgerReader(connection: try connect())
    }

    static var actor: String {
        let environment = ProcessInfo.processInfo.environment
        let user = environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "localhost"
        return "cli:\(user)@\(host)"
    }
}

/// `--idempotency-key`, taken by every write.
struct IdempotencyOption: ParsableArguments {
    @Option(name: .customLong("idempotency-key"),
            help: ArgumentHelp("Run this write at most once: the same key with the same request returns what was first recorded; with another request it is refused.",
                               valueName: "key"))
    var key: String?

    /// The key as given: the ledger cleans it (field `idempotencyKey`).
    func value() -> String? { key }
}
