import Ledger
import Postgres
import Testing
import TestSupport

/// What each donor gave each fund (`donor_fund_receipts`, read by a fund's donor list) is kept by
/// the statement that writes contributions and by the reversal of one; nobody writes it directly,
/// and `verify` recomputes it. `TestDatabase.with` runs verify after each test as well.
@Suite struct DonorReceiptsTests {
    private func receipts(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT d.name, r.received, r.first_received_on::text AS first, r.last_received_on::text AS last
              FROM donor_fund_receipts r JOIN donors d ON d.id = r.donor_id ORDER BY d.name
            """).map { row in
            "\(try row.decode("name", as: String.self)) \(try row.decode("received", as: Int64.self)) "
                + "\(try row.decode("first", as: String?.self) ?? "-") \(try row.decode("last", as: String?.self) ?? "-")"
        }
    }

    @Test func followsGiftsAndReversalsOfGifts() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())  // Bondy 2 000 €, Liffré 1 000 €, on 2026-02-03
            let store = fixture.store
            let early = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 5_000),
                                                     on: CalendarDate(year: 2026, month: 1, day: 10)!)
            let late = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 7_000),
                                                    on: CalendarDate(year: 2026, month: 3, day: 20)!)
            let connection = try database.connect()
            #expect(try receipts(connection) == ["Bondy 212000 2026-01-10 2026-03-20", "Liffré 100000 2026-02-03 2026-02-03"])
            // Reversing the first and the last gift: the amount leaves, the dates are those of what is left.
            _ = try store.reverseEntry(early.entryID, reason: "doublon", on: Fixture.day)
            _ = try store.reverseEntry(late.entryID, reason: "doublon", on: late.receivedOn)
            #expect(try receipts(connection) == ["Bondy 200000 2026-02-03 2026-02-03", "Liffré 100000 2026-02-03 2026-02-03"])
            // Every gift of a donor reversed: the row stays at 0, without dates, and the donor leaves the list.
            let liffre = try store.reader.contributions(donor: "Liffré")[0]
            _ = try store.reverseEntry(liffre.entryID, reason: "erreur", on: Fixture.day)
            #expect(try receipts(connection) == ["Bondy 200000 2026-02-03 2026-02-03", "Liffré 0 - -"])
            #expect(try store.reader.donorTotals(fund: "GAZA").map(\.donor) == ["Bondy"])
            #expect(try store.reader.donorTotals(fund: "GAZA")[0].received == Money(cents: 200_000))
        }
    }

    @Test func cannotBeWrittenDirectlyEvenByTheOwner() throws {
        try TestDatabase.with { database in
            _ = try Fixture(try database.store())
            for connection in [try database.connect(granted: "fundledger_writer"), try database.connect()] {
                let before = try ledgerSnapshot(connection)
                for statement in [
                    "UPDATE donor_fund_receipts SET received = received + 100",
                    "DELETE FROM donor_fund_receipts",
                    "INSERT INTO donor_fund_receipts (fund_id, donor_id, received) SELECT fund_id, donor_id, 1 FROM donor_fund_receipts LIMIT 1",
                    "TRUNCATE donor_fund_receipts",
                ] {
                    let error = postgresError { try connection.execute(script: statement) }
                    // The writer has no right on the table at all; the owner meets the rule.
                    #expect(error?.sqlState?.rawValue == "FL004" || error?.sqlState == .insufficientPrivilege,
                            "\(statement): \(String(describing: error))")
                }
                #expect(try ledgerSnapshot(connection) == before)
            }
        }
    }

    @Test func verifyNamesADonorWhoseReceiptsWereAltered() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let fixture = try Fixture(try database.store())
            let superuser = try database.connect()
            try superuser.execute(script: """
                SET session_replication_role = replica;
                UPDATE donor_fund_receipts SET received = received + 1
                 WHERE donor_id = (SELECT id FROM donors WHERE name = 'Liffré');
                """)
            let liffre = try superuser.query("SELECT id FROM donors WHERE name = 'Liffré'").single().decode("id", as: Int64.self)
            let gaza = try superuser.query("SELECT id FROM funds WHERE code = 'GAZA'").single().decode("id", as: Int64.self)
            let problems = try fixture.store.reader.verify()
            #expect(problems.map { "\($0.problem): \($0.subject) \($0.expected) \($0.actual)" }
                    == ["donor receipts differ from contributions: donor \(liffre) on fund \(gaza) 100000 100001"])
        }
    }
}
