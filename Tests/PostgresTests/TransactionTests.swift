import Postgres
import Testing
import TestSupport

@Suite("Transactions and retries")
struct TransactionTests {
    @Test func rollsBackWhenTheBodyThrows() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "CREATE TABLE t (n int)")
            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            #expect(try rowCount(connection, "t") == 0)
            #expect(connection.isIdle)
        }
    }

    @Test func retriesSerializationFailuresThenSucceeds() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "CREATE TABLE t (n int)")
            var attempts = 0
            try connection.transaction(isolation: .serializable,
                                       retry: RetryPolicy(maxAttempts: 5, baseDelayMilliseconds: 1)) { connection in
                attempts += 1
                try connection.query("INSERT INTO t VALUES (\(attempts))")
                if attempts < 3 {
                    try connection.execute(script: "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$")
                }
            }
            #expect(attempts == 3)
            // Only the successful attempt's row is there.
            let rows = try connection.query("SELECT n FROM t").map { try $0.decode("n", as: Int.self) }
            #expect(rows == [3])
        }
    }

    @Test func givesUpAfterTheLastAttempt() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            var attempts = 0
            let error = postgresError {
                try connection.transaction(retry: RetryPolicy(maxAttempts: 2, baseDelayMilliseconds: 1)) { connection in
                    attempts += 1
                    try connection.execute(script: "DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$")
                }
            }
            #expect(attempts == 2)
            #expect(error?.sqlState == .deadlockDetected)
        }
    }

    @Test func doesNotRetryOtherErrors() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            var attempts = 0
            let error = postgresError {
                try connection.transaction { connection in
                    attempts += 1
                    try connection.query("SELECT 1/0")
                }
            }
            #expect(attempts == 1)
            #expect(error?.sqlState?.rawValue == "22012")
        }
    }
}
