import Foundation

/// Transaction isolation levels, as PostgreSQL spells them.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

/// How often and how patiently to retry work that failed with a serialization failure (40001)
/// or a deadlock (40P01): the whole unit is run again, after a randomized pause that grows.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelayMilliseconds: Int

    public init(maxAttempts: Int = 8, baseDelayMilliseconds: Int = 2) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelayMilliseconds = baseDelayMilliseconds
    }

    public static let standard = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    func pause(beforeAttempt attempt: Int) {
        // Full jitter: concurrent losers spread out instead of colliding again in step.
        let ceiling = baseDelayMilliseconds << min(attempt, 8)
        usleep(UInt32(Int.random(in: 0...ceiling) * 1000))
    }
}

extension PostgresConnection {
    /// Runs `body` inside `BEGIN … COMMIT`; rolls back when it throws. A transient failure
    /// (40001, 40P01) rolls back and runs `body` again, so `body` must only touch the database
    /// and values it recomputes.
    public func transaction<T>(
        isolation: IsolationLevel = .readCommitted,
        retry: RetryPolicy = .standard,
        _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        try retrying(retry) { connection in
            try connection.execute(script: "BEGIN ISOLATION LEVEL \(isolation.rawValue)")
            do {
                let value = try body(connection)
                try connection.execute(script: "COMMIT")
                return value
            } catch {
                if connection.isInTransaction { try? connection.execute(script: "ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs `body` (typically one statement, which is its own transaction) again on 40001 / 40P01.
    public func retrying<T>(_ policy: RetryPolicy = .standard, _ body: (PostgresConnection) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body(self)
            } catch let error as PostgresError where error.isTransient && attempt < policy.maxAttempts {
                policy.pause(beforeAttempt: attempt)
                attempt += 1
            }
        }
    }
}
