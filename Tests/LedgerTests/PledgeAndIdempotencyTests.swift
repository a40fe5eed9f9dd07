import Ledger
import Postgres
import Testing
import TestSupport

@Suite("Pledges, contributions and idempotent retries")
struct PledgeAndIdempotencyTests {
    @Test func contributionsPayOpenPledgesOldestFirstAndShowWhatIsAbove() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let older = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: Money(cents: 100_000),
                                               on: CalendarDate(year: 2026, month: 1, day: 5)!, reference: "Délib. 1")
            let newer = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: Money(cents: 50_000),
                                               on: CalendarDate(year: 2026, month: 1, day: 20)!, reference: "Délib. 2")
            let contribution = try store.recordContribution(donor: "liffre", fund: "gaza", amount: Money(cents: 180_000),
                                                            on: Fixture.day, reference: "VIR-1")
            #expect(contribution.pledgeID == older.id)
            #expect(contribution.appliedToPledges == Money(cents: 150_000))
            #expect(contribution.abovePledges == Money(cents: 30_000))
            let pledges = try store.reader.pledges(donor: "Liffré")
            #expect(pledges.map(\.outstanding) == [.zero, .zero])
            #expect(pledges.map(\.state) == [.fulfilled, .fulfilled])
            #expect(pledges.map(\.id) == [older.id, newer.id])
            #expect(try store.reader.balances(fund: "GAZA")[0].outstandingPledges == .zero)
        }
    }

    @Test func aNamedPledgeOrNoPledge() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let older = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 10_000), on: Fixture.day)
            let newer = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 20_000), on: Fixture.day)
            let named = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 5_000),
                                                     on: Fixture.day, pledge: .pledge(newer.id))
            #expect(named.pledgeID == newer.id)
            let gift = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 5_000),
                                                    on: Fixture.day, pledge: .none)
            #expect(gift.pledgeID == nil && gift.appliedToPledges == .zero)
            let outstanding = try store.reader.pledges(donor: "Bondy").map(\.outstanding)
            #expect(outstanding == [Money(cents: 10_000), Money(cents: 15_000)])
            let otherDonor = ledgerError {
                _ = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 1), on: Fixture.day,
                                                 pledge: .pledge(older.id))
            }
            #expect(otherDonor?.kind == .inconsistent)
        }
    }

    @Test func writeOffAndCancel() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let pledge = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100_000), on: Fixture.day)
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 40_000), on: Fixture.day)
            let cancel = ledgerError { _ = try store.cancelPledge(pledge.id, reason: nil, on: Fixture.day) }
            #expect(cancel?.kind == .pledgeState)
            _ = try store.writeOffPledge(pledge.id, reason: "budget réduit", on: Fixture.day)
            let status = try store.reader.pledges(donor: "Bondy")[0]
            #expect(status.received == Money(cents: 40_000))
            #expect(status.writtenOff == Money(cents: 60_000))
            #expect(status.outstanding == .zero)
            #expect(status.state == .written_off)
            let twice = ledgerError { _ = try store.writeOffPledge(pledge.id, reason: nil, on: Fixture.day) }
            #expect(twice?.kind == .pledgeState)

            let untouched = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: Money(cents: 7_000), on: Fixture.day)
            _ = try store.cancelPledge(untouched.id, reason: "délibération retirée", on: Fixture.day)
            #expect(try store.reader.pledges(donor: "Liffré")[0].state == .cancelled)
            #expect(try store.reader.balances(fund: "GAZA")[0].outstandingPledges == .zero)
        }
    }

    @Test func theSameKeyAndRequestReturnsTheFirstResult() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let first = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 12_345),
                                                     on: Fixture.day, reference: "VIR-9", idempotencyKey: "bank-9")
            let before = try ledgerSnapshot(store.connection)
            let retry = try store.recordContribution(donor: "bondy", fund: "GAZA", amount: Money(cents: 12_345),
                                                     on: Fixture.day, reference: "VIR-9", idempotencyKey: "bank-9")
            #expect(retry == first)
            #expect(try ledgerSnapshot(store.connection) == before)
            let different = ledgerError {
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 99_999),
                                                 on: Fixture.day, reference: "VIR-9", idempotencyKey: "bank-9")
            }
            #expect(different?.kind == .idempotencyConflict)
            #expect(try ledgerSnapshot(store.connection) == before)

            let disbursement = try store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 1_000),
                                                            on: Fixture.day, idempotencyKey: "d-1")
            #expect(try store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 1_000),
                                                 on: Fixture.day, idempotencyKey: "d-1") == disbursement)
            let donor = try store.addDonor(name: "Grenoble", idempotencyKey: "donor-grenoble")
            #expect(try store.addDonor(name: "Grenoble", idempotencyKey: "donor-grenoble") == donor)
        }
    }

    @Test func concurrentRetriesWithOneKeyWriteOnce() async throws {
        try await TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let pool = PostgresConnectionPool(conninfo: database.url, size: 6)
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            try LedgerStore(connection: connection, actor: "retry")
                                .recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 777),
                                                    on: Fixture.day, idempotencyKey: "same-transfer").id
                        }
                    }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            try await pool.shutdown()
            #expect(ids.count == 1)
            #expect(try rowCount(fixture.store.connection, "contributions") == 3)
        }
    }

    /// The key is written whole when it is claimed (the contribution's id drawn first), so a
    /// refused write takes its key with it, and a retry after the refusal writes.
    @Test func aKeyNamesItsContributionAndGoesAwayWithARefusedWrite() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let store = fixture.store
            let recorded = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 900),
                                                        on: Fixture.day, idempotencyKey: "key-names-it")
            let named: Int64 = try store.connection.query(PostgresQuery(
                sql: "SELECT result_id AS id FROM idempotency_keys WHERE key = 'key-names-it'")).single().decode("id")
            #expect(named == recorded.id)
            // Refused after the claim (a pledge of another donor): nothing stays, not even the key.
            let other = try store.recordPledge(donor: "Liffré", fund: "GAZA", amount: Money(cents: 1_000), on: Fixture.day)
            let before = try ledgerSnapshot(store.connection)
            let refused = ledgerError {
                _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 500), on: Fixture.day,
                                                 pledge: .pledge(other.id), idempotencyKey: "key-refused")
            }
            #expect(refused != nil)
            #expect(try ledgerSnapshot(store.connection) == before)
            #expect(try rowCount(store.connection, "idempotency_keys WHERE key = 'key-refused'") == 0)
            // The same key again, for a request that can be written: a new key to the ledger, it writes.
            let retried = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 500),
                                                       on: Fixture.day, idempotencyKey: "key-refused")
            #expect(try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 500),
                                                 on: Fixture.day, idempotencyKey: "key-refused").id == retried.id)
        }
    }

    @Test func unknownNamesComeWithSuggestions() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let before = try ledgerSnapshot(fixture.store.connection)
            let donor = ledgerError {
                _ = try fixture.store.recordContribution(donor: "Lifre", fund: "GAZA", amount: Money(cents: 100), on: Fixture.day)
            }
            #expect(donor?.kind == .notFound)
            #expect(donor?.suggestions == ["Liffré"])
            let fund = ledgerError {
                _ = try fixture.store.recordContribution(donor: "Bondy", fund: "GAZZA", amount: Money(cents: 100), on: Fixture.day)
            }
            #expect(fund?.kind == .notFound)
            #expect(fund?.suggestions == ["GAZA"])
            #expect(try ledgerSnapshot(fixture.store.connection) == before)
        }
    }
}
