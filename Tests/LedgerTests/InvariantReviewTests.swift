import Ledger
import Postgres
import Testing
import TestSupport

@Suite("Invariants added after review")
struct InvariantReviewTests {
    @Test func restrictedMoneyStaysInItsFund() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            _ = try fixture.store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil,
                                           openedOn: CalendarDate(year: 2023, month: 9, day: 15)!)
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            // A balanced MAROC entry that takes money out of GAZA's bank account.
            let error = postgresError {
                try connection.transaction(retry: .never) { connection in
                    try connection.execute(script: """
                        INSERT INTO journal_entries (fund_id, kind, value_date, description)
                            VALUES ((SELECT id FROM funds WHERE code = 'MAROC'), 'contribution', '2026-02-04', 'move');
                        INSERT INTO postings (entry_id, account_id, amount)
                        SELECT currval('journal_entries_id_seq'), a.id, CASE f.code WHEN 'GAZA' THEN -1000 ELSE 1000 END
                          FROM accounts a JOIN funds f ON f.id = a.fund_id
                         WHERE (f.code = 'GAZA' AND a.number = '512000') OR (f.code = 'MAROC' AND a.number = '512000');
                        """)
                }
            }
            #expect(error?.sqlState?.rawValue == "FL005")
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func aPledgeNeverReceivesMoreThanPledged() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let pledge = try fixture.store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 1_000), on: Fixture.day)
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            // Raw SQL crediting the pledge's receivable beyond what it expects (balanced through 512).
            let error = postgresError {
                try connection.transaction(retry: .never) { connection in
                    try connection.query("""
                        INSERT INTO journal_entries (fund_id, kind, value_date, description)
                            VALUES (1, 'contribution', '2026-02-04', 'over-apply')
                        """)
                    try connection.query("""
                        INSERT INTO postings (entry_id, account_id, amount, pledge_id)
                        SELECT currval('journal_entries_id_seq'), a.id,
                               CASE a.number WHEN '512000' THEN 5000 ELSE -5000 END, \(pledge.id)
                          FROM accounts a
                         WHERE a.fund_id = 1 AND (a.number = '512000'
                               OR (a.number = '441700' AND a.donor_id = (SELECT id FROM donors WHERE name = 'Bondy')))
                        """)
                }
            }
            #expect(error?.sqlState?.rawValue == "FL006")
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func noPaymentDatedWhenTheFundDidNotHoldIt() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            // The fund received its 3 000,00 € on 2026-02-03; it held nothing in January.
            let backdated = ledgerError {
                _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 100),
                                                         on: CalendarDate(year: 2026, month: 1, day: 15)!)
            }
            #expect(backdated?.kind == .insufficientFunds)
            _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 100), on: Fixture.day)
            let beforeOpening = ledgerError {
                _ = try fixture.store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100),
                                                         on: CalendarDate(year: 2020, month: 1, day: 1)!)
            }
            #expect(beforeOpening?.kind == .invalidInput)
            let bondy = try fixture.store.reader.contributions(donor: "Bondy")[0]
            let reversalBeforeOriginal = ledgerError {
                _ = try fixture.store.reverseEntry(bondy.entryID, reason: "erreur", on: CalendarDate(year: 2026, month: 1, day: 1)!)
            }
            #expect(reversalBeforeOriginal?.kind == .cannotReverse)
        }
    }

    @Test func aClosedFundStaysClosed() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let tooEarly = ledgerError {
                _ = try fixture.store.setFundStatus(code: "GAZA", status: .closed, on: CalendarDate(year: 2026, month: 1, day: 31)!)
            }
            #expect(tooEarly?.kind == .invalidInput)
            // Not while it holds money: paid out first, then closed.
            let holding = ledgerError {
                _ = try fixture.store.setFundStatus(code: "GAZA", status: .closed, on: CalendarDate(year: 2026, month: 6, day: 30)!)
            }
            #expect(holding?.kind == .fundNotSettled && holding?.code == .fundNotSettled)
            _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: try fixture.available, on: Fixture.day)
            _ = try fixture.store.setFundStatus(code: "GAZA", status: .closed, on: CalendarDate(year: 2026, month: 6, day: 30)!)
            for status in [Fund.Status.open, .closing, .closed] {
                let error = ledgerError {
                    _ = try fixture.store.setFundStatus(code: "GAZA", status: status, on: CalendarDate(year: 2026, month: 7, day: 1)!)
                }
                #expect(error?.kind == .fundNotOpen, "\(status)")
            }
            #expect(try fixture.store.reader.fund(code: "GAZA").closedOn == CalendarDate(year: 2026, month: 6, day: 30))
        }
    }

    @Test func accountsKeysAndDerivedTablesCannotBeRewritten() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            _ = try fixture.store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100),
                                                     on: Fixture.day, idempotencyKey: "k-1")
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            expectRefused([
                "UPDATE accounts SET number = '657000' WHERE number = '512000'",
                "UPDATE accounts SET fund_id = fund_id WHERE number = '740000'",
                "TRUNCATE account_daily_totals",
                "TRUNCATE accounts CASCADE",
                "DELETE FROM idempotency_keys",
                "TRUNCATE idempotency_keys",
            ], sqlState: "FL002", on: connection)
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func theWriterCannotPlantObjectsInPublic() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(script: "SET ROLE fundledger_writer")
            let error = postgresError {
                try connection.execute(script: """
                    CREATE FUNCTION public.format(text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$
                    """)
            }
            #expect(error?.sqlState == .insufficientPrivilege)
            let recordedAs: String = try connection.query("""
                SELECT db_user::text AS who FROM journal_entries LIMIT 0
                """).first.map { try $0.decode("who") } ?? "none"
            #expect(recordedAs == "none")
        }
    }
}
