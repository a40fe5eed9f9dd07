import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// Tamper evidence (issue 16, part 7): every entry is sealed by a SHA-256 chained over the
/// previous entry of its fund (migration 0019, `seal_entries`), and `verify` recomputes the
/// chains (`verify_entry_chain`): an edit made by a superuser with the triggers disabled names
/// the entry and its fund; a chain rewritten whole is caught against a head kept elsewhere.
@Suite("Entry chain")
struct EntryChainTests {
    /// GAZA (the fixture, then a pledge, a gift paying it, a payment, a reversal, a gift without
    /// pledge) and MAROC (a gift, then a reallocation from GAZA): the entries of every kind of write.
    struct Ledger {
        let fixture: Fixture
        /// A gift without pledge, in the middle of GAZA's chain: 512 / 740, what the tamperings edit.
        let target: Int64
        var store: LedgerStore { fixture.store }

        init(_ database: TestDatabase) throws {
            fixture = try Fixture(try database.store())
            let store = fixture.store
            let day = Fixture.day
            let pledge = try store.recordPledge(donor: "Bondy", fund: "GAZA", amount: Money(cents: 50_000), on: day)
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 30_000), on: day,
                                             pledge: .pledge(pledge.id), reference: "VIR P1")
            target = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 12_345), on: day,
                                                  reference: "VIR 2").entryID
            _ = try store.recordDisbursement(project: fixture.project.id, amount: Money(cents: 10_000), on: day)
            let doubled = try store.recordContribution(donor: "Liffré", fund: "GAZA", amount: Money(cents: 500), on: day,
                                                       reference: "VIR 3")
            _ = try store.reverseEntry(doubled.entryID, reason: "saisie en double", on: day)
            _ = try store.openFund(code: "MAROC", name: "Fonds Maroc", audience: nil,
                                   openedOn: CalendarDate(year: 2023, month: 9, day: 8)!)
            _ = try store.recordContribution(donor: "Bondy", fund: "MAROC", amount: Money(cents: 7_000), on: day)
            _ = try store.reallocateFund(from: "GAZA", to: "MAROC", amount: Money(cents: 1_000), on: day,
                                         reference: "AG-1", agreedOn: day)
            _ = try store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 800), on: day,
                                             reference: "VIR 4")
        }
    }

    @Test func everyEntryIsSealedInItsFundsChainInTheOrderWritten() throws {
        try TestDatabase.with { database in
            let ledger = try Ledger(database)
            let connection = try database.connect()
            // Each fund's entries, in id order (written one after the other), are its chain 1, 2, 3…
            // each linked to the one before; the head is the last seal.
            let misplaced: Int64 = try connection.query("""
                SELECT count(*) AS n
                  FROM (SELECT e.id, e.fund_id, row_number() OVER w AS expected_position, lag(e.id) OVER w AS expected_previous
                          FROM journal_entries e WINDOW w AS (PARTITION BY e.fund_id ORDER BY e.id)) e
                  LEFT JOIN entry_seals s ON s.entry_id = e.id
                 WHERE s.position IS DISTINCT FROM e.expected_position OR s.fund_id IS DISTINCT FROM e.fund_id
                    OR s.previous_entry_id IS DISTINCT FROM e.expected_previous
                """).single().decode("n")
            #expect(misplaced == 0)
            let heads = try ledger.store.reader.chainHeads()
            #expect(heads.map(\.fundCode) == ["GAZA", "MAROC"])
            let entries: [Int64] = try connection.query("""
                SELECT count(*) AS n FROM journal_entries GROUP BY fund_id ORDER BY fund_id
                """).map { try $0.decode("n") }
            #expect(heads.map(\.position) == entries)
            #expect(heads.allSatisfy { $0.hash.count == 64 })
            #expect(try ledger.store.reader.verify().isEmpty)
            #expect(try ledger.store.reader.verify(against: heads).isEmpty)
        }
    }

    /// What a superuser can do with the triggers off (`session_replication_role = replica`), and
    /// the problem `verify` must name the edited entry of GAZA with.
    struct Tampering: Sendable, CustomTestStringConvertible {
        var name: String
        var problem: String
        /// The SQL, given the target entry's id.
        var sql: @Sendable (Int64) -> String
        /// The entry the problem must name, given the target's id (the target itself by default).
        var named: @Sendable (Int64, PostgresConnection) throws -> Int64 = { target, _ in target }
        var testDescription: String { name }
    }

    static let tamperings: [Tampering] = [
        Tampering(name: "a posting's amount", problem: "contenu d’écriture modifié", sql: { entry in """
            UPDATE postings SET amount = amount + 100 WHERE entry_id = \(entry) AND amount > 0;
            UPDATE postings SET amount = amount - 100 WHERE entry_id = \(entry) AND amount < 0;
            """ }),
        Tampering(name: "the entry's label", problem: "contenu d’écriture modifié", sql: { entry in
            "UPDATE journal_entries SET description = description || ' (corrigé)' WHERE id = \(entry)" }),
        Tampering(name: "recorded_at", problem: "contenu d’écriture modifié", sql: { entry in
            "UPDATE journal_entries SET recorded_at = recorded_at - interval '1 microsecond' WHERE id = \(entry)" }),
        Tampering(name: "recorded_by", problem: "contenu d’écriture modifié", sql: { entry in
            "UPDATE journal_entries SET recorded_by = 'cli:quelqu-un@ailleurs' WHERE id = \(entry)" }),
        Tampering(name: "its value date", problem: "contenu d’écriture modifié", sql: { entry in
            "UPDATE journal_entries SET value_date = value_date - 1 WHERE id = \(entry)" }),
        Tampering(name: "a posting moved to another account", problem: "contenu d’écriture modifié", sql: { entry in """
            UPDATE postings SET account_id = (SELECT id FROM accounts WHERE number = '441700' AND fund_id = 1 LIMIT 1)
             WHERE entry_id = \(entry) AND amount < 0
            """ }),
        Tampering(name: "a posting deleted", problem: "contenu d’écriture modifié", sql: { entry in
            "DELETE FROM postings WHERE entry_id = \(entry) AND amount < 0" }),
        Tampering(name: "a posting added", problem: "contenu d’écriture modifié", sql: { entry in """
            INSERT INTO postings (entry_id, account_id, amount)
            SELECT \(entry), id, CASE number WHEN '512000' THEN 100 ELSE -100 END
              FROM accounts WHERE number IN ('512000', '740000') AND fund_id = 1
            """ }),
        Tampering(name: "a foreign entry inserted", problem: "écriture non scellée", sql: { _ in """
            INSERT INTO journal_entries (fund_id, kind, value_date, description)
                VALUES (1, 'contribution', '2026-02-03', 'Versement Bondy — VIR 99');
            INSERT INTO postings (entry_id, account_id, amount)
            SELECT currval('journal_entries_id_seq'), id, CASE number WHEN '512000' THEN 900 ELSE -900 END
              FROM accounts WHERE number IN ('512000', '740000') AND fund_id = 1;
            """ }, named: { _, connection in
                try connection.query("SELECT max(id) AS id FROM journal_entries").single().decode("id")
            }),
        Tampering(name: "an entry removed with its postings and seal", problem: "chaîne rompue", sql: { entry in """
            DELETE FROM postings WHERE entry_id = \(entry);
            DELETE FROM journal_entries WHERE id = \(entry);
            DELETE FROM entry_seals WHERE entry_id = \(entry);
            """ }, named: { entry, connection in
                try connection.query("""
                    SELECT min(id) AS id FROM journal_entries WHERE fund_id = 1 AND id > \(entry)
                    """).single().decode("id")
            }),
        Tampering(name: "an entry removed, its seal left", problem: "écriture scellée disparue", sql: { entry in """
            DELETE FROM postings WHERE entry_id = \(entry);
            DELETE FROM journal_entries WHERE id = \(entry);
            """ }),
        Tampering(name: "an entry moved to another fund", problem: "contenu d’écriture modifié", sql: { entry in
            "UPDATE journal_entries SET fund_id = 2 WHERE id = \(entry)" }),
        Tampering(name: "the chain's head set back", problem: "tête de chaîne différente", sql: { _ in
            "UPDATE entry_chain_heads SET position = position - 1 WHERE fund_id = 1" }, named: { _, connection in
                try connection.query(
                    "SELECT entry_id FROM entry_seals WHERE fund_id = 1 ORDER BY position DESC LIMIT 1"
                ).single().decode("entry_id")
            }),
    ]

    @Test(arguments: tamperings)
    func anEditBehindTheTriggersIsNamedByVerify(_ tampering: Tampering) throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let ledger = try Ledger(database)
            try database.requireSoundLedger()
            let owner = try database.connect()
            try owner.execute(script: "SET session_replication_role = replica;\n" + tampering.sql(ledger.target))
            try owner.execute(script: "RESET session_replication_role")
            let named = try tampering.named(ledger.target, owner)
            let problems = try ledger.store.reader.verify()
            let found = problems.filter { $0.problem == tampering.problem }
            #expect(found.count == 1, "\(problems)")
            #expect(found.first?.subject.hasPrefix("écriture \(named) du fonds GAZA") == true, "\(problems)")
            // MAROC's chain is untouched (except when the entry was moved into it).
            if tampering.name != "an entry moved to another fund" {
                #expect(!problems.contains { $0.subject.contains("fonds MAROC") }, "\(problems)")
            }
        }
    }

    /// verify alone cannot see a chain recomputed after the edit (the README says so); the head
    /// kept before shows it. A kept head is still found after the chain grew.
    @Test func aRewrittenChainIsCaughtOnlyAgainstAKeptHead() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            let ledger = try Ledger(database)
            let reader = ledger.store.reader
            let kept = try reader.chainHeads()
            let parsed = try ChainHead.parse(ChainHead.file(kept))
            #expect(parsed == kept)
            _ = try ledger.store.recordContribution(donor: "Bondy", fund: "GAZA", amount: Money(cents: 100), on: Fixture.day,
                                                    reference: "VIR 5")
            #expect(try reader.verify(against: kept).isEmpty)

            let owner = try database.connect()
            try owner.execute(script: """
                SET session_replication_role = replica;
                UPDATE journal_entries SET description = 'Versement Liffré — VIR 2 bis' WHERE id = \(ledger.target);
                \(resealingSQL(fund: 1, from: ledger.target))
                RESET session_replication_role;
                """)
            #expect(try reader.verify().isEmpty, "the rewrite is consistent: only a kept head can tell")
            let problems = try reader.verify(against: kept)
            #expect(problems.map(\.problem) == ["chaîne réécrite"], "\(problems)")
            let gaza = try #require(kept.first { $0.fundCode == "GAZA" })
            #expect(problems.first?.subject.hasPrefix("écriture \(gaza.entryID) du fonds GAZA, rang \(gaza.position)") == true)

            // The chain cut back before the kept head: shortened.
            try owner.execute(script: """
                SET session_replication_role = replica;
                DELETE FROM entry_seals WHERE fund_id = 2 AND position = \(kept[1].position);
                DELETE FROM postings WHERE entry_id = \(kept[1].entryID);
                DELETE FROM journal_entries WHERE id = \(kept[1].entryID);
                UPDATE entry_chain_heads h SET entry_id = s.entry_id, position = s.position, hash = s.hash
                  FROM entry_seals s WHERE h.fund_id = 2 AND s.fund_id = 2 AND s.position = \(kept[1].position - 1);
                RESET session_replication_role;
                """)
            let shortened = try reader.verify(against: kept)
            #expect(shortened.map(\.problem).contains("chaîne raccourcie"), "\(shortened)")
        }
    }

    /// Sixteen writers on one fund (and reallocations crossing between two funds) at once: each
    /// fund's chain is afterwards one unbroken line, every entry in it once, and verify is clean.
    @Test func concurrentWritersLeaveOneUnbrokenChainPerFund() async throws {
        try await TestDatabase.with { database in
            let ledger = try Ledger(database)
            let pool = PostgresConnectionPool(conninfo: database.url, size: 8)
            let written = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let store = LedgerStore(connection: connection, actor: "task-\(task)")
                            for round in 0..<12 {
                                if task < 2 && round.isMultiple(of: 4) {
                                    // Two funds at once, in both directions.
                                    let (from, to) = task == 0 ? ("GAZA", "MAROC") : ("MAROC", "GAZA")
                                    _ = try store.reallocateFund(from: from, to: to, amount: Money(cents: 10), on: Fixture.day,
                                                                 reference: "AG-\(task)-\(round)", agreedOn: Fixture.day)
                                } else {
                                    _ = try store.recordContribution(donor: task.isMultiple(of: 2) ? "Bondy" : "Liffré",
                                                                     fund: "GAZA", amount: Money(cents: 100 + Int64(round)),
                                                                     on: Fixture.day, reference: "T\(task)-\(round)")
                                }
                            }
                            return 12
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            try await pool.shutdown()
            #expect(written == 16 * 12)
            let connection = try database.connect()
            // Per fund: positions 1…n with no gap nor repeat, each seal linked to the one before,
            // as many seals as entries.
            let broken: Int64 = try connection.query("""
                SELECT count(*) AS n
                  FROM (SELECT s.fund_id, s.position, s.previous_entry_id, row_number() OVER w AS expected_position,
                               lag(s.entry_id) OVER w AS expected_previous
                          FROM entry_seals s WINDOW w AS (PARTITION BY s.fund_id ORDER BY s.position)) c
                 WHERE c.position <> c.expected_position OR c.previous_entry_id IS DISTINCT FROM c.expected_previous
                """).single().decode("n")
            #expect(broken == 0)
            let unsealed: Int64 = try connection.query("""
                SELECT count(*) AS n FROM journal_entries e WHERE NOT EXISTS (SELECT FROM entry_seals s WHERE s.entry_id = e.id)
                """).single().decode("n")
            #expect(unsealed == 0)
            let heads = try ledger.store.reader.chainHeads()
            let gaza = try #require(heads.first { $0.fundCode == "GAZA" })
            let gazaEntries: Int64 = try connection.query(
                "SELECT count(*) AS n FROM journal_entries WHERE fund_id = 1").single().decode("n")
            #expect(gaza.position == gazaEntries)
            #expect(try ledger.store.reader.verify().isEmpty)
        }
    }

    /// Postings are sealed with their entry: a second INSERT for the same entry, even in the
    /// transaction that created it, would not be in the seal and is refused (FL003).
    @Test func postingsCannotBeAddedToAnEntryOnceSealed() throws {
        try TestDatabase.with { database in
            _ = try Ledger(database)
            let connection = try database.connect()
            let before = try ledgerSnapshot(connection)
            let error = postgresError {
                try connection.transaction(retry: .never) { connection in
                    try connection.execute(script: """
                        SELECT new_entry(1, 'contribution', '2026-02-03', 'en deux fois', 'test');
                        INSERT INTO postings (entry_id, account_id, amount)
                        SELECT currval('journal_entries_id_seq'), id, 100 FROM accounts WHERE number = '512000' AND fund_id = 1;
                        INSERT INTO postings (entry_id, account_id, amount)
                        SELECT currval('journal_entries_id_seq'), id, -100 FROM accounts WHERE number = '740000' AND fund_id = 1;
                        """)
                }
            }
            #expect(error?.sqlState?.rawValue == "FL003")
            #expect(try ledgerSnapshot(connection) == before)
        }
    }

    @Test func aHeadFileThatIsNotOneIsRefusedByLine() throws {
        #expect(throws: InputError.self) { try ChainHead.parse("GAZA\t1\t2\t3\t" + String(repeating: "a", count: 64)) }
        let error = #expect(throws: InputError.self) {
            try ChainHead.parse(ChainHead.versionLine + "\n# commentaire\nGAZA\t1\t2\t3\tnot-a-hash\n")
        }
        #expect(error?.reason.contains("ligne 3") == true)
        let head = ChainHead(fundCode: "GAZA", fundID: 1, position: 2, entryID: 3, hash: String(repeating: "ab", count: 32))
        #expect(try ChainHead.parse(ChainHead.file([head])) == [head])
        #expect(ChainHead.file([head]) == "# fundledger chain head v1\n# fonds\tid\trang\técriture\tempreinte\nGAZA\t1\t2\t3\t\(head.hash)\n")
    }
}
