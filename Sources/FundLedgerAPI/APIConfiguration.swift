import Foundation

/// How `fundledger serve` runs: where it listens, which database, how many connections.
/// Each value comes from an option, else from the environment (the names `docker-compose.yml`
/// sets), else its default.
public struct APIConfiguration: Sendable {
    /// The address to listen on (`FUNDLEDGER_HOST`, default 127.0.0.1: loopback only).
    public var host: String
    /// The port (`FUNDLEDGER_PORT`, default 8080; 0 picks a free one).
    public var port: Int
    /// A libpq URL or connection string (`DATABASE_URL`, else libpq's `PG*` variables).
    public var databaseURL: String?
    /// The most database connections (and threads running libpq) at once (`FUNDLEDGER_POOL_SIZE`, default 8).
    public var poolSize: Int

    /// The largest JSON body accepted (413 beyond).
    public static let maxJSONBodyBytes = 64 * 1024
    /// The largest CSV file accepted by `POST /v1/imports` (413 beyond); streamed to disk, never held in memory.
    public static let maxImportBytes = 256 * 1024 * 1024
    /// The largest logo accepted by `PUT /v1/settings/logo` (413 beyond): 256 KiB, as the ledger
    /// keeps it (`set_organisation_logo`, `fundledger settings set logo`).
    public static let maxLogoBytes = 256 * 1024
    /// What a 503 tells the client to wait before trying again, in seconds.
    public static let retryAfterSeconds = 5

    public init(host: String? = nil, port: Int? = nil, databaseURL: String? = nil, poolSize: Int? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.host = host ?? environment["FUNDLEDGER_HOST"] ?? "127.0.0.1"
        self.port = port ?? environment["FUNDLEDGER_PORT"].flatMap(Int.init) ?? 8080
        self.databaseURL = databaseURL ?? environment["DATABASE_URL"]
        self.poolSize = poolSize ?? environment["FUNDLEDGER_POOL_SIZE"].flatMap(Int.init) ?? 8
    }
}
