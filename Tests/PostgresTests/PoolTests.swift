import Postgres
import Testing
import TestSupport

@Suite("Connection pool")
struct PoolTests {
    @Test func runsManyTasksOnFewConnections() async throws {
        try await TestDatabase.with { database in
            let pool = PostgresConnectionPool(conninfo: database.url, size: 3)
            let pids = try await withThrowingTaskGroup(of: Int.self) { group in
                for value in 0..<24 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let row = try connection.query("SELECT pg_backend_pid() AS pid, \(value)::int AS v").single()
                            #expect(try row.decode("v", as: Int.self) == value)
                            return try row.decode("pid", as: Int.self)
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(pids.count <= 3)
            try await pool.shutdown()
        }
    }

    @Test func replacesABrokenConnection() async throws {
        try await TestDatabase.with { database in
            let pool = PostgresConnectionPool(conninfo: database.url, size: 1)
            let first = try await pool.withConnection { connection in
                try connection.query("SELECT pg_backend_pid() AS pid").single().decode("pid", as: Int.self)
            }
            let admin = try database.connect()
            try admin.query("SELECT pg_terminate_backend(\(first))")
            // The killed connection fails clearly for the statement in flight…
            let failure = await Result {
                try await pool.withConnection { connection in
                    try connection.query("SELECT 1")
                }
            }
            if case .failure(let error) = failure {
                #expect((error as? PostgresError)?.kind == .connection || (error as? PostgresError)?.sqlState?.errorClass == "57")
            }
            // …and the next use gets a new, working connection.
            let second = try await pool.withConnection { connection in
                try connection.query("SELECT pg_backend_pid() AS pid").single().decode("pid", as: Int.self)
            }
            #expect(second != first)
            try await pool.shutdown()
        }
    }

    @Test func cancellingTheTaskCancelsTheStatement() async throws {
        try await TestDatabase.with { database in
            let pool = PostgresConnectionPool(conninfo: database.url, size: 1)
            let task = Task {
                try await pool.withConnection { connection in
                    try connection.query("SELECT pg_sleep(30)")
                }
            }
            // Cancel once the statement is really running on the server.
            let observer = try database.connect()
            for _ in 0..<200 {
                let sleeping: Int64 = try observer.query(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'"
                ).single().decode("n")
                if sleeping > 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            task.cancel()
            let started = ContinuousClock.now
            let result = await task.result
            #expect(ContinuousClock.now - started < .seconds(10))
            guard case .failure(let error) = result else {
                Issue.record("a cancelled pg_sleep(30) returned normally")
                return
            }
            #expect((error as? PostgresError)?.sqlState == .queryCanceled)
            // The connection is back in the pool, idle and usable.
            let one = try await pool.withConnection { try $0.query("SELECT 1 AS one").single().decode("one", as: Int.self) }
            #expect(one == 1)
            try await pool.shutdown()
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
