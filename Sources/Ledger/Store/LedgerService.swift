import Postgres

/// The ledger for async code (the HTTP server): each call runs on a connection of the pool, on a
/// thread of its own (libpq blocks), so callers never block Swift's cooperative threads.
///
///     let service = LedgerService(pool: pool)
///     let contribution = try await service.write(actor: "http:alice") { store in
///         try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: amount, on: day)
///     }
///     let balances = try await service.read { try $0.balances() }
///
/// Errors come back as thrown: `LedgerError` and `InputError` as the store and reader throw them.
/// Cancelling the task cancels the running statement.
public struct LedgerService: Sendable {
    public let pool: PostgresConnectionPool

    public init(pool: PostgresConnectionPool) {
        self.pool = pool
    }

    /// Runs `body` with a store recording `actor` on every entry it writes.
    public func write<T: Sendable>(actor: String,
                                   _ body: @escaping @Sendable (LedgerStore) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try body(LedgerStore(connection: connection, actor: actor))
        }
    }

    /// Runs `body` with the reads.
    public func read<T: Sendable>(_ body: @escaping @Sendable (LedgerReader) throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try body(LedgerReader(connection: connection))
        }
    }
}
