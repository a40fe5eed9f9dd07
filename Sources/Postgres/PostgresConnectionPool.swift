import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// Connections for async code, each used on a thread of its own.
///
/// libpq blocks, so no connection may run on Swift's cooperative pool or an event loop. The
/// pool owns a `NIOThreadPool` with one thread per connection: at most `size` bodies run at
/// once, further callers queue in the thread pool, and each running body takes an idle
/// connection (opening one when needed). A broken connection is replaced on the next use, and
/// an idle one the server closed (restart, shutdown) is noticed before it is handed out, so the
/// pool recovers by itself when the database comes back; one returned inside a transaction is
/// rolled back, or dropped when that fails.
public final class PostgresConnectionPool: Sendable {
    private let conninfo: String?
    private let threads: NIOThreadPool
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let logger: Logger
    private let cachesPreparedStatements: Bool
    private let usage = NIOLockedValueBox(Usage())

    /// How busy the pool is, for /metrics.
    public struct Usage: Sendable, Equatable {
        /// Bodies running on a connection now.
        public var inUse = 0
        /// Callers waiting for a thread and a connection.
        public var waiting = 0
    }

    /// How many bodies run and how many wait, now.
    public var currentUsage: Usage { usage.withLockedValue { $0 } }

    /// - Parameters:
    ///   - conninfo: a libpq connection string or URL; nil for `DATABASE_URL` / `PG*`.
    ///   - size: the most connections (and threads) in use at once.
    public init(conninfo: String? = nil, size: Int = 4, cachesPreparedStatements: Bool = true,
                logger: Logger = Logger(label: "fundledger.postgres")) {
        self.conninfo = conninfo
        self.threads = NIOThreadPool(numberOfThreads: max(1, size))
        self.logger = logger
        self.cachesPreparedStatements = cachesPreparedStatements
        threads.start()
    }

    /// Runs `body` with a connection, on a pool thread. Task cancellation cancels the running
    /// statement (`PQcancel`), which then fails with SQLSTATE 57014.
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let cancellation = NIOLockedValueBox(CancellationState.notStarted)
        usage.withLockedValue { $0.waiting += 1 }
        let started = NIOLockedValueBox(false)
        defer {
            // A body that never ran (pool shut down) stops waiting here.
            if !started.withLockedValue({ $0 }) { usage.withLockedValue { $0.waiting -= 1 } }
        }
        return try await withTaskCancellationHandler {
            try await threads.runIfActive { [self] in
                started.withLockedValue { $0 = true }
                usage.withLockedValue { $0.waiting -= 1; $0.inUse += 1 }
                defer { usage.withLockedValue { $0.inUse -= 1 } }
                let connection = try checkOut()
                defer {
                    cancellation.withLockedValue { $0 = .finished }
                    checkIn(connection)
                }
                // A cancellation that came before the body started must not be lost.
                let alreadyCancelled = cancellation.withLockedValue { state in
                    if case .cancelled = state { return true }
                    state = .running(connection.makeCanceller())
                    return false
                }
                if alreadyCancelled { throw CancellationError() }
                return try body(connection)
            }
        } onCancel: {
            // Cancel under the lock: once the body has finished (and the connection may serve
            // another caller), a late cancel must not reach the next caller's statement.
            cancellation.withLockedValue { state in
                switch state {
                case .notStarted: state = .cancelled
                case .running(let canceller): canceller?.cancel()
                case .cancelled, .finished: break
                }
            }
        }
    }

    private enum CancellationState {
        case notStarted, cancelled, finished
        case running(PostgresCanceller?)
    }

    /// Closes every idle connection and stops the threads.
    public func shutdown() async throws {
        let connections = idle.withLockedValue { connections in
            defer { connections.removeAll() }
            return connections
        }
        connections.forEach { $0.close() }
        try await threads.shutdownGracefully()
    }

    private func checkOut() throws -> PostgresConnection {
        while let connection = idle.withLockedValue({ $0.popLast() }) {
            // Checked here, not at check-in: the server may have gone away while it was idle.
            if connection.survivedIdling() { return connection }
            logger.warning("dropping a broken PostgreSQL connection")
            connection.close()
        }
        let connection = try PostgresConnection(conninfo: conninfo)
        connection.cachesPreparedStatements = cachesPreparedStatements
        return connection
    }

    private func checkIn(_ connection: PostgresConnection) {
        if connection.isHealthy && !connection.isIdle {
            logger.warning("a connection came back inside a transaction; rolling back")
            try? connection.execute(script: "ROLLBACK")
        }
        guard connection.isHealthy && connection.isIdle else {
            connection.close()
            return
        }
        idle.withLockedValue { $0.append(connection) }
    }
}
