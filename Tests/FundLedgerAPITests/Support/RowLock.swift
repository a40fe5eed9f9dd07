import Foundation
import Postgres
import TestSupport

/// A row locked by another session (`SELECT … FOR UPDATE` in an open transaction), so that the
/// service's writes touching it wait on the database: slow database work on demand.
///
/// The lock is held on a thread of its own, never on Swift's cooperative pool, and released by
/// `release()` or, whatever happens to the test, after `safety`: a test whose event loop or
/// cooperative pool is blocked must fail on its timings, not hang.
final class RowLock: @unchecked Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: (any Error)?

    /// Locks the rows `select` names (a `SELECT … FOR UPDATE`) as the database's owner; returns
    /// once they are locked.
    init(url: String, select: String, safety: TimeInterval = 20) throws {
        let locked = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            do {
                let connection = try PostgresConnection(conninfo: url)
                defer { connection.close() }
                try connection.execute(script: "BEGIN")
                _ = try connection.query(PostgresQuery(sql: select))
                locked.signal()
                _ = released.wait(timeout: .now() + safety)
                try connection.execute(script: "COMMIT")
            } catch {
                lock.withLock { failure = error }
                locked.signal()
            }
            finished.signal()
        }
        thread.start()
        locked.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    private var isReleased = false

    /// Commits the locking transaction (the waiting writes go on) and waits until it has.
    /// Calling it again does nothing.
    func release() {
        let first = lock.withLock { () -> Bool in
            defer { isReleased = true }
            return !isReleased
        }
        guard first else { return }
        released.signal()
        finished.wait()
    }

    /// How many sessions of the database `url` reaches wait for a lock now.
    static func waiting(url: String) throws -> Int {
        let connection = try PostgresConnection(conninfo: url)
        defer { connection.close() }
        return Int(try connection.query("""
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
            """).single().decode("n", as: Int64.self))
    }
}
