import Ledger
import Postgres
import Testing
import TestSupport

/// `verify` reads the ledger in two passes (each entry's sums, each account's movements per day,
/// kind and fund) and derives its checks from them. Each test here corrupts the ledger the way only
/// a superuser with the triggers off could, and expects verify to name exactly what is wrong.
@Suite struct VerifyTests {
    /// Runs `script` with every trigger and foreign key off (`session_replication_role = replica`),
    /// then returns verify's problems as "problem: subject".
    private func problems(after script: String, in database: TestDatabase, store: LedgerStore) throws -> [String] {
        let superuser = try database.connect()
        try superuser.execute(script: "SET session_replication_role = replica;\n" + script)
        return try store.reader.verify().map { "\($0.problem): \($0.subject)" }
    }

    @Test func namesAnEntryThatNoLongerBalances() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let fixture = try Fixture(try database.store())
            let entry = try fixture.store.reader.contributions(donor: "Bondy")[0].entryID
            let found = try problems(after: """
                INSERT INTO postings (entry_id, account_id, amount)
                SELECT \(entry), id, 5 FROM accounts WHERE number = '512000';
                """, in: database, store: fixture.store)
            #expect(found.contains("unbalanced entry: entry \(entry)"), "\(found)")
            // The cache no longer matches the postings either, on that account and day.
            #expect(found.contains { $0.hasPrefix("cached balance differs from postings: account") }, "\(found)")
            #expect(found.contains { $0.hasPrefix("daily totals differ from postings: account") && $0.contains("2026-02-03 (contribution)") },
                    "\(found)")
        }
    }

    @Test func namesAnEntryWithoutPostings() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let fixture = try Fixture(try database.store())
            let superuser = try database.connect()
            try superuser.execute(script: """
                SET session_replication_role = replica;
                INSERT INTO journal_entries (fund_id, kind, value_date, description)
                VALUES ((SELECT id FROM funds WHERE code = 'GAZA'), 'contribution', '2026-02-04', 'empty');
                """)
            let empty = try superuser.query("SELECT max(id) AS id FROM journal_entries")[0].decode("id", as: Int64.self)
            let found = try fixture.store.reader.verify().map { "\($0.problem): \($0.subject)" }
            #expect(found == ["unbalanced entry: entry \(empty)"])
        }
    }

    @Test func namesEachPostingOnAnotherFundsAccount() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let fixture = try Fixture(try database.store())
            _ = try fixture.store.openFund(code: "MAROC", name: "Fonds Maroc", audience: "les sinistrés",
                                           openedOn: CalendarDate(year: 2023, month: 9, day: 10)!)
            let superuser = try database.connect()
            // A balanced entry of GAZA whose two postings land on MAROC's accounts.
            try superuser.execute(script: """
                SET session_replication_role = replica;
                INSERT INTO journal_entries (fund_id, kind, value_date, description)
                VALUES ((SELECT id FROM funds WHERE code = 'GAZA'), 'contribution', '2026-02-04', 'astray');
                INSERT INTO accounts (number, fund_id) SELECT n, (SELECT id FROM funds WHERE code = 'MAROC')
                  FROM unnest(ARRAY['512000', '657000']) n ON CONFLICT DO NOTHING;
                INSERT INTO postings (entry_id, account_id, amount)
                SELECT (SELECT max(id) FROM journal_entries), a.id, CASE a.number WHEN '512000' THEN 700 ELSE -700 END
                  FROM accounts a JOIN funds f ON f.id = a.fund_id
                 WHERE f.code = 'MAROC' AND a.number IN ('512000', '657000') AND a.project_id IS NULL AND a.donor_id IS NULL;
                """)
            let astray = try superuser.query("""
                SELECT id FROM postings WHERE entry_id = (SELECT max(id) FROM journal_entries) ORDER BY id
                """).map { try $0.decode("id", as: Int64.self) }
            #expect(astray.count == 2)
            let found = try fixture.store.reader.verify().map { "\($0.problem): \($0.subject)" }
            #expect(Set(found.filter { $0.hasPrefix("posting on another fund's account") })
                    == Set(astray.map { "posting on another fund's account: posting \($0)" }), "\(found)")
        }
    }

    @Test func namesTheFirstDayAFundsBankWasBelowZero() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let fixture = try Fixture(try database.store())
            // A payment out dated before any gift: today's balance is still positive, that day's was not.
            let found = try problems(after: """
                INSERT INTO journal_entries (fund_id, kind, value_date, description)
                VALUES ((SELECT id FROM funds WHERE code = 'GAZA'), 'disbursement', '2026-01-15', 'early');
                INSERT INTO accounts (number, fund_id) SELECT '657000', id FROM funds WHERE code = 'GAZA' ON CONFLICT DO NOTHING;
                INSERT INTO postings (entry_id, account_id, amount)
                SELECT (SELECT max(id) FROM journal_entries), a.id, CASE a.number WHEN '512000' THEN -1000 ELSE 1000 END
                  FROM accounts a JOIN funds f ON f.id = a.fund_id
                 WHERE f.code = 'GAZA' AND a.number IN ('512000', '657000') AND a.project_id IS NULL AND a.donor_id IS NULL;
                """, in: database, store: fixture.store)
            #expect(found.contains("fund bank account below zero on a past day: fund GAZA on 2026-01-15"), "\(found)")
            #expect(!found.contains { $0.hasPrefix("unbalanced entry") }, "\(found)")
            #expect(!found.contains { $0.hasPrefix("fund bank account below zero: ") }, "\(found)")
        }
    }
}
