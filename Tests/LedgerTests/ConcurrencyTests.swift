import Ledger
import Postgres
import Testing
import TestSupport

@Suite("Concurrent writers")
struct ConcurrencyTests {
    /// 24 tasks try to pay 150,00 € each from a fund holding 3 000,00 €: exactly 20 succeed,
    /// the fund ends at zero, and nothing is lost or counted twice.
    @Test func concurrentDisbursementsNeverOverdrawAFund() async throws {
        try await TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let projectID = fixture.project.id
            let pool = PostgresConnectionPool(conninfo: database.url, size: 8)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for task in 0..<24 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            do {
                                _ = try LedgerStore(connection: connection, actor: "task-\(task)")
                                    .recordDisbursement(project: projectID, amount: Money(cents: 15_000),
                                                        on: Fixture.day, reference: "T\(task)")
                                return true
                            } catch let error as LedgerError where error.kind == .insufficientFunds {
                                return false
                            }
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            try await pool.shutdown()
            #expect(outcomes.filter { $0 }.count == 20)
            #expect(try fixture.available == .zero)
            let disbursed: Int64 = try fixture.store.connection.query(
                "SELECT coalesce(sum(amount), 0)::bigint AS total FROM disbursements").single().decode("total")
            #expect(disbursed == 300_000)
        }
    }

    /// Contributions and disbursements interleaved on one fund: every cent accounted for.
    @Test func concurrentContributionsAndDisbursementsBalance() async throws {
        try await TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let projectID = fixture.project.id
            let pool = PostgresConnectionPool(conninfo: database.url, size: 8)
            let paidOut = try await withThrowingTaskGroup(of: Int64.self) { group in
                for task in 0..<32 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let store = LedgerStore(connection: connection, actor: "task-\(task)")
                            if task.isMultiple(of: 2) {
                                _ = try store.recordContribution(donor: task.isMultiple(of: 4) ? "Bondy" : "Liffré",
                                                                 fund: "GAZA", amount: Money(cents: 10_000), on: Fixture.day)
                                return 0
                            }
                            do {
                                _ = try store.recordDisbursement(project: projectID, amount: Money(cents: 25_000), on: Fixture.day)
                                return 25_000
                            } catch let error as LedgerError where error.kind == .insufficientFunds {
                                return 0
                            }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            try await pool.shutdown()
            let received: Int64 = 300_000 + 16 * 10_000
            #expect(try fixture.available.cents == received - paidOut)
        }
    }
}
