import Ledger
import Postgres
import Testing
import TestSupport

/// Each invariant is attacked through the Swift API and through raw SQL; each attack must fail
/// and leave the ledger exactly as it was.
@Suite("Invariants enforced by PostgreSQL")
struct InvariantTests {
    @Test func entriesMustBalance() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            let error = postgresError {
                try connection.transaction(retry: .never) { connection in
                    try connection.execute(script: """
                        INSERT INTO journal_entries (fund_id, kind, value_date, description)
                            VALUES (1, 'contribution', '2026-02-04', 'unbalanced');
                        INSERT INTO postings (entry_id, account_id, amount)
                            SELECT currval('journal_entries_id_seq'), id, 5000 FROM accounts WHERE number = '512000';
                        """)
                }
            }
            #expect(error?.sqlState?.rawValue == "FL001")
            #expect(error?.message.contains("does not balance") == true)
            // An entry without postings is refused too.
            let empty = postgresError {
                try connection.execute(script: """
                    INSERT INTO journal_entries (fund_id, kind, value_date, description)
                        VALUES (1, 'contribution', '2026-02-04', 'no postings')
                    """)
            }
            #expect(empty?.sqlState?.rawValue == "FL001")
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func journalIsAppendOnly() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            _ = try fixture.store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 500), on: Fixture.day)
            _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 500), on: Fixture.day)
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            expectRefused([
                "UPDATE postings SET amount = amount * 2",
                "DELETE FROM postings",
                "TRUNCATE postings CASCADE",
                "UPDATE journal_entries SET value_date = '2020-01-01'",
                "DELETE FROM journal_entries WHERE id = 1",
                "UPDATE contributions SET amount = 1",
                "DELETE FROM pledges",
                "DELETE FROM disbursements",
            ], sqlState: "FL002", on: connection)
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func entriesAreSealedOnceRecorded() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            // Balanced, but added to an entry of an earlier transaction.
            let error = postgresError {
                try connection.execute(script: """
                    INSERT INTO postings (entry_id, account_id, amount)
                    SELECT 1, id, CASE number WHEN '512000' THEN 100 ELSE -100 END
                      FROM accounts WHERE number IN ('512000', '740000') AND fund_id = 1
                    """)
            }
            #expect(error?.sqlState?.rawValue == "FL003")
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func amountsAreNonZeroCents() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            let zero = ledgerError {
                _ = try fixture.store.recordContribution(donor: "Bondy", fund: "GAZA", amount: .zero, on: Fixture.day)
            }
            #expect(zero?.kind == .invalidInput)
            let negative = ledgerError {
                _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: -100), on: Fixture.day)
            }
            #expect(negative?.kind == .invalidInput)
            let raw = postgresError {
                try connection.transaction(retry: .never) { connection in
                    try connection.execute(script: """
                        INSERT INTO journal_entries (fund_id, kind, value_date, description)
                            VALUES (1, 'contribution', '2026-02-04', 'zero');
                        INSERT INTO postings (entry_id, account_id, amount)
                            SELECT currval('journal_entries_id_seq'), id, 0 FROM accounts WHERE number = '512000';
                        """)
                }
            }
            #expect(raw?.sqlState == .checkViolation)
            #expect(raw?.constraint == "posting_amount_not_zero")
            let fractional = postgresError {
                try connection.query("SELECT record_contribution('Bondy', 'GAZA', 10.5, '2026-02-04', NULL, true, NULL)")
            }
            #expect(fractional != nil)
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func noFundPaysOutMoreThanItReceived() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            let error = ledgerError {
                _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 300_001), on: Fixture.day)
            }
            #expect(error?.kind == .insufficientFunds)
            #expect(error?.sqlState == "FL010")
            // Raw SQL bypassing the function: a balanced entry that overdraws the bank account.
            let raw = postgresError {
                try connection.transaction(retry: .never) { connection in
                    try connection.execute(script: """
                        INSERT INTO journal_entries (fund_id, kind, value_date, description)
                            VALUES (1, 'disbursement', '2026-02-04', 'overdraw');
                        INSERT INTO postings (entry_id, account_id, amount)
                        SELECT currval('journal_entries_id_seq'), id,
                               CASE number WHEN '512000' THEN -300001 ELSE 300001 END
                          FROM accounts WHERE number IN ('512000', '740000') AND fund_id = 1;
                        """)
                }
            }
            #expect(raw?.sqlState == .checkViolation)
            #expect(raw?.constraint == "bank_balance_never_negative")
            #expect(try ledgerSnapshot(connection) == before)
            // Exactly what it holds can be paid out.
            _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 300_000), on: Fixture.day)
            #expect(try fixture.available == .zero)
        }
    }

    @Test func donorsAreUniqueIgnoringCaseAccentsAndPunctuation() throws {
        try TestDatabase.with { database in
            let store = try database.store()
            _ = try store.addDonor(name: "Liffré")
            _ = try store.addDonor(name: "Saint-Calais")
            for duplicate in ["Liffre", "LIFFRÉ", "liffré", "Saint Calais", "saint-calais"] {
                let error = ledgerError { _ = try store.addDonor(name: duplicate) }
                #expect(error?.kind == .duplicate, "\(duplicate) was accepted")
                #expect(error?.message.contains("already exists as") == true)
            }
            let raw = postgresError { try store.connection.query("INSERT INTO donors (name) VALUES ('LIFFRE')") }
            #expect(raw?.sqlState == .uniqueViolation)
            #expect(try store.reader.donors().map(\.name) == ["Liffré", "Saint-Calais"])
            // Looking a donor up is just as forgiving.
            #expect(try store.reader.donor(named: "liffre").name == "Liffré")
        }
    }

    @Test func cachedBalancesAndDailyTotalsCannotBeWrittenDirectly() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            for statement in [
                "UPDATE accounts SET balance = balance + 100",
                "UPDATE account_daily_totals SET debits = 0",
                "INSERT INTO account_daily_totals (account_id, day, kind, debits) VALUES (1, '2026-01-01', 'contribution', 5)",
                "DELETE FROM account_daily_totals",
                "INSERT INTO accounts (number, fund_id, balance) VALUES ('657000', 1, 999)",
            ] {
                _ = postgresError { try connection.execute(script: statement) }
            }
            // The inserted account (allowed) starts at zero whatever the INSERT said.
            let balances = try connection.query("SELECT balance FROM accounts WHERE number = '657000' AND project_id IS NULL")
            #expect(try balances.map { try $0.decode("balance", as: Int64.self) } == [0])
            #expect(try ledgerSnapshot(connection).filter { !$0.hasPrefix("accounts=") && !$0.hasPrefix("account") }
                    == before.filter { !$0.hasPrefix("accounts=") && !$0.hasPrefix("account") })
        }
    }

    @Test func verifyReportsACorruptedCache() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            // Only a superuser who disables the triggers can corrupt the cache; verify must see it.
            try connection.execute(script: """
                ALTER TABLE accounts DISABLE TRIGGER account_balance_derived;
                UPDATE accounts SET balance = balance + 7 WHERE number = '512000';
                ALTER TABLE accounts ENABLE TRIGGER account_balance_derived;
                """)
            let problems = try fixture.store.reader.verify()
            #expect(problems.count == 1)
            #expect(problems.first?.problem == "cached balance differs from postings")
            #expect(problems.first?.expected == "300000")
            #expect(problems.first?.actual == "300007")
        }
    }

    @Test func anEntryIsReversedAtMostOnce() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let contribution = try fixture.store.reader.contributions(donor: "Liffré")[0]
            let reversal = try fixture.store.reverseEntry(contribution.entryID, reason: "doublon", on: Fixture.day)
            #expect(reversal.reversesEntryID == contribution.entryID)
            #expect(try fixture.available == Money(cents: 200_000))
            let again = ledgerError { _ = try fixture.store.reverseEntry(contribution.entryID, reason: "encore", on: Fixture.day) }
            #expect(again?.kind == .cannotReverse)
            let ofReversal = ledgerError { _ = try fixture.store.reverseEntry(reversal.id, reason: "annuler l'annulation", on: Fixture.day) }
            #expect(ofReversal?.kind == .cannotReverse)
            let raw = postgresError {
                try fixture.store.connection.query("""
                    INSERT INTO journal_entries (fund_id, kind, value_date, description, reverses_entry_id)
                    VALUES (1, 'contribution', '2026-02-05', 'second reversal', \(contribution.entryID))
                    """)
            }
            #expect(raw?.sqlState == .uniqueViolation)
            #expect(raw?.constraint == "entry_reversed_once")
            // Both entries stay visible; the contribution shows as reversed.
            let listed = try fixture.store.reader.contributions(donor: "Liffré")
            #expect(listed.count == 1 && listed[0].reversedByEntryID == reversal.id)
        }
    }

    @Test func aContributionAlreadySpentCannotBeReversed() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 250_000), on: Fixture.day)
            let bondy = try fixture.store.reader.contributions(donor: "Bondy")[0]
            let error = ledgerError { _ = try fixture.store.reverseEntry(bondy.entryID, reason: "erreur", on: Fixture.day) }
            #expect(error?.kind == .insufficientFunds)
        }
    }

    @Test func closedFundsTakeNoNewEntries() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            _ = try fixture.store.setFundStatus(code: "GAZA", status: .closing, on: Fixture.day)
            let pledge = ledgerError {
                _ = try fixture.store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: Fixture.day)
            }
            #expect(pledge?.kind == .fundNotOpen)
            // A closing fund still pays its partners: here all it holds, so that it can close.
            _ = try fixture.store.recordDisbursement(project: fixture.project.id, amount: try fixture.available, on: Fixture.day)
            _ = try fixture.store.setFundStatus(code: "GAZA", status: .closed, on: Fixture.day)
            let contribution = ledgerError {
                _ = try fixture.store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: Fixture.day)
            }
            #expect(contribution?.kind == .fundNotOpen)
            let raw = postgresError {
                try fixture.store.connection.query("""
                    INSERT INTO journal_entries (fund_id, kind, value_date, description) VALUES (1, 'contribution', '2026-03-01', 'late')
                    """)
            }
            #expect(raw?.sqlState?.rawValue == "FL011")
        }
    }

    @Test func theApplicationRoleCanOnlyWriteThroughTheFunctions() throws {
        try TestDatabase.with { database in
            let fixture = try Fixture(try database.store())
            let connection = try database.connect()
            try connection.execute(script: "SET ROLE fundledger_writer")
            let insert = postgresError {
                try connection.query("INSERT INTO donors (name) VALUES ('Grenoble')")
            }
            #expect(insert?.sqlState == .insufficientPrivilege)
            let writer = LedgerStore(connection: connection, actor: "api:token-1")
            let contribution = try writer.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 5_000), on: Fixture.day)
            #expect(contribution.amount == Money(cents: 5_000))
            try connection.execute(script: "RESET ROLE; SET ROLE fundledger_reader")
            let readerWrite = ledgerError {
                _ = try LedgerStore(connection: connection, actor: "reader")
                    .recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 5_000), on: Fixture.day)
            }
            #expect(readerWrite?.sqlState == "42501")
            #expect(try LedgerReader(connection: connection).balances().count == 1)
            let recordedBy: String = try fixture.store.connection.query("""
                SELECT recorded_by FROM journal_entries WHERE id = \(contribution.entryID)
                """).single().decode("recorded_by")
            #expect(recordedBy == "api:token-1")
        }
    }
}
