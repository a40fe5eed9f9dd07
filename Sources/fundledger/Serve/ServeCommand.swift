import ArgumentParser
import FundLedgerAPI
import Hummingbird
import Logging

/// `fundledger serve`: the HTTP JSON API, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP JSON API (/v1/…, /openapi.yaml, /metrics, /healthz, /readyz).",
        discussion: """
            Every route but /healthz and /readyz needs a token (Authorization: Bearer …), made with \
            'fundledger token create'. The database must be migrated ('fundledger migrate'); the \
            service should connect as a login role granted fundledger_writer. SIGTERM or SIGINT \
            stops it gracefully: requests in flight finish, connections are closed.

            Environment: FUNDLEDGER_HOST, FUNDLEDGER_PORT, FUNDLEDGER_POOL_SIZE, DATABASE_URL \
            (options win), LOG_LEVEL (trace, debug, info, notice, warning, error).
            """)

    @Option(help: ArgumentHelp("Address to listen on (default: FUNDLEDGER_HOST, else 127.0.0.1).", valueName: "address"))
    var host: String?
    @Option(help: ArgumentHelp("Port (default: FUNDLEDGER_PORT, else 8080; 0 for a free one).", valueName: "port"))
    var port: Int?
    @Option(name: .customLong("pool-size"),
            help: ArgumentHelp("Database connections at most (default: FUNDLEDGER_POOL_SIZE, else 8).", valueName: "n"))
    var poolSize: Int?
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port takes 0 to 65535") }
        if let poolSize, !(1...256).contains(poolSize) { throw ValidationError("--pool-size takes 1 to 256") }
    }

    func run() async throws {
        var logger = Logger(label: "fundledger.api")
        logger.logLevel = Environment().get("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        let configuration = APIConfiguration(host: host, port: port, databaseURL: connection.databaseURL,
                                             poolSize: poolSize)
        let app = buildApplication(configuration, logger: logger)
        try await app.runService()
    }
}
