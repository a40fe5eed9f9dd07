import Ledger
import Postgres
import Testing
import TestSupport

@Suite("Async ledger service over a connection pool")
struct LedgerServiceTests {
    @Test func concurrentWritesThenReads() async throws {
        try await TestDatabase.with { database in
            _ = try Fixture(try database.store())
            let pool = PostgresConnectionPool(conninfo: database.url, size: 4)
            let service = LedgerService(pool: pool)
            let recorded = try await withThrowingTaskGroup(of: Contribution.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        try await service.write(actor: "task-\(task)") { store in
                            try store.recordContribution(donor: task.isMultiple(of: 2) ? "Bondy" : " liffre ",
                                                         fund: "GAZA", amount: Money(cents: 1_000),
                                                         on: Fixture.day, reference: "S-\(task)")
                        }
                    }
                }
                return try await group.reduce(into: [Contribution]()) { $0.append($1) }
            }
            #expect(Set(recorded.map(\.id)).count == 16)
            let listed = try await service.read { try $0.contributions(fund: "GAZA") }
            #expect(listed.count == 2 + 16)
            #expect(Set(listed.compactMap(\.reference)) == Set((0..<16).map { "S-\($0)" }))
            let balance = try await service.read { try $0.balances(fund: "GAZA")[0] }
            #expect(balance.available == Money(cents: 300_000 + 16 * 1_000))
            let actors = try await service.read { reader in
                try reader.connection.query("SELECT count(DISTINCT recorded_by) AS n FROM journal_entries WHERE recorded_by LIKE 'task-%'")
                    .single().decode("n", as: Int64.self)
            }
            #expect(actors == 16)
            #expect(try await service.read { try $0.verify() }.isEmpty)
            try await pool.shutdown()
        }
    }

    @Test func errorsComeBackAsLedgerErrors() async throws {
        try await TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let projectID = fixture.project.id
            let pool = PostgresConnectionPool(conninfo: database.url, size: 2)
            let service = LedgerService(pool: pool)
            await #expect {
                try await service.write(actor: "api") { store in
                    try store.recordDisbursement(project: projectID, amount: Money(cents: 300_001), on: Fixture.day)
                }
            } throws: { error in
                (error as? LedgerError)?.kind == .insufficientFunds
            }
            await #expect {
                try await service.read { try $0.fund(code: "GAZZA") }
            } throws: { error in
                guard let error = error as? LedgerError else { return false }
                return error.kind == .notFound && error.suggestions == ["GAZA"]
            }
            await #expect {
                try await service.write(actor: "api") { try $0.addDonor(name: "=cmd|' /C calc'!A0") }
            } throws: { error in
                (error as? InputError)?.field == "name"
            }
            try await pool.shutdown()
        }
    }
}
