import Ledger
import Postgres
import Testing
import TestSupport

/// The names of the bad-input corpus given to the database itself, as psql would as a login role
/// granted `fundledger_writer`, past every Swift check: the `clean_text` domain and `add_donor`'s
/// look-alike check refuse each new name (FL021 text refused, FL012 an existing donor), and no
/// table changes. The same rule as `NameInput`, held where every client meets it.
@Suite("Bad-input corpus: SQL")
struct BadInputCorpusSQLTests {
    /// Every code point `NameInput` refuses as invisible (format characters and every other
    /// default-ignorable one, some 4 000), the database refuses too, inside a name: what the
    /// command line refuses, psql cannot write.
    @Test func theDatabaseRefusesEveryInvisibleCharacterNameInputRefuses() throws {
        var invisible: [Int64] = []
        for value in UInt32(1)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), NameInput.isInvisible(scalar),
                  scalar.properties.generalCategory != .lineSeparator, scalar.properties.generalCategory != .paragraphSeparator
            else { continue }
            invisible.append(Int64(value))
        }
        #expect(invisible.count > 1000)
        try TestDatabase.with { database in
            let owner = try database.connect()
            defer { owner.close() }
            try owner.execute(script: """
                CREATE FUNCTION pg_temp.refused(p_text text) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM check_clean_text(p_text);
                    RETURN false;
                EXCEPTION WHEN SQLSTATE 'FL021' THEN
                    RETURN true;
                END
                $$;
                """)
            let list = "{" + invisible.map(String.init).joined(separator: ",") + "}"
            let accepted = try owner.query("""
                SELECT coalesce(string_agg(to_hex(cp), ' ' ORDER BY cp), '') AS accepted
                FROM unnest(\(list)::int[]) cp WHERE NOT pg_temp.refused('a' || chr(cp) || 'b')
                """).single().decode("accepted", as: String.self)
            #expect(accepted.isEmpty, "check_clean_text accepts what NameInput refuses: U+\(accepted.replacingOccurrences(of: " ", with: " U+"))")
        }
    }

    @Test func newNamesAreRefusedByTheDatabaseItself() throws {
        let cases = try BadInputCorpus.cases("names").filter { $0.new != nil && !$0.skips("sql") }
        try TestDatabase.with { database in
            let store = try database.store()
            defer { store.connection.close() }
            for name in ["Bondy", "Liffré", "Écully"] { _ = try store.addDonor(name: name) }
            let writer = try database.connect(granted: "fundledger_writer")
            defer { writer.close() }
            let owner = try database.connect()
            defer { owner.close() }
            for input in cases {
                let before = try tableChecksums(owner)
                let refused = postgresError {
                    _ = try writer.query("SELECT id FROM add_donor(\(input.text), 'commune', NULL, 'sql', NULL)")
                }
                let after = try tableChecksums(owner)
                let expected: Set<String> = input.new?.refusal == "duplicate" ? ["FL012"] : ["FL021", "FL012"]
                #expect(refused.flatMap { $0.sqlState.map { expected.contains($0.rawValue) } } == true,
                        "\(input): \(refused.map { errorDetails($0) } ?? "accepted") (expected \(expected.sorted()))")
                #expect(after == before, "\(input): tables changed: \(changedTables(before, after))")
            }
        }
    }
}
