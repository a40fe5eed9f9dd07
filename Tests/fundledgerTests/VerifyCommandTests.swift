import Foundation
import Ledger
import Postgres
import Testing
import TestSupport

/// `fundledger verify --print-head` and `--head FILE` on the demo, as the writer role: the head
/// file's format, a kept head found again, an edit behind the triggers named, and a chain
/// rewritten whole caught only against the kept head.
@Suite("verify and the chain head")
struct VerifyCommandTests {
    @Test func aKeptHeadCatchesAChainRewrittenWhole() throws {
        try TestDatabase.with(expectingLedgerProblems: true) { database in
            try CLI(database: database).ok("demo")
            let cli = CLI(database: database, role: "fundledger_writer")

            let printed = try cli.run("verify", "--print-head")
            #expect(printed.status == 0, "\(printed.stderr)")
            #expect(printed.stderr.contains("ledger verified"), "\(printed.stderr)")
            let lines = printed.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "# fundledger chain head v1")
            let heads = try ChainHead.parse(printed.stdout)
            let owner = try database.connect()
            let fundsWithEntries: [String] = try owner.query("""
                SELECT f.code FROM funds f WHERE EXISTS (SELECT FROM journal_entries e WHERE e.fund_id = f.id) ORDER BY f.id
                """).map { try $0.decode("code") }
            #expect(heads.map(\.fundCode) == fundsWithEntries)
            for line in lines.dropFirst(2) {
                #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 5, "\(line)")
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tete-\(database.name).txt")
            defer { try? FileManager.default.removeItem(at: file) }
            try printed.stdout.write(to: file, atomically: true, encoding: .utf8)

            // The chain grows: the kept head is still found.
            _ = try cli.ok("contribution", "add", "--donor", "Bondy", "--fund", "GAZA", "--amount", "10", "--on", "2026-02-03")
            let found = try cli.ok("verify", "--head", file.path)
            #expect(found.contains("\(heads.count) têtes de chaîne conservées retrouvées"), "\(found)")

            // An entry's label edited by a superuser with the triggers off: verify names it.
            let gaza = try #require(heads.first { $0.fundCode == "GAZA" })
            let target: Int64 = try owner.query("""
                SELECT entry_id FROM entry_seals WHERE fund_id = \(gaza.fundID) AND position = 2
                """).single().decode("entry_id")
            try owner.execute(script: """
                SET session_replication_role = replica;
                UPDATE journal_entries SET description = description || ' (corrigé)' WHERE id = \(target);
                RESET session_replication_role;
                """)
            let edited = try cli.run("verify")
            #expect(edited.status == 1)
            #expect(edited.stdout.contains("écriture \(target) du fonds GAZA, rang 2"), "\(edited.stdout)")
            #expect(edited.stdout.contains("contenu d’écriture modifié"), "\(edited.stdout)")
            #expect(edited.errorLines == ["fundledger: error: la vérification du grand livre a trouvé 1 problème"], "\(edited.stderr)")

            // The whole chain recomputed after the edit: verify alone sees nothing, the head does.
            try owner.execute(script: """
                SET session_replication_role = replica;
                \(resealingSQL(fund: gaza.fundID, from: target))
                RESET session_replication_role;
                """)
            #expect(try cli.run("verify").status == 0)
            let rewritten = try cli.run("verify", "--head", file.path)
            #expect(rewritten.status == 1)
            #expect(rewritten.stdout.contains("chaîne réécrite"), "\(rewritten.stdout)")
            #expect(rewritten.stdout.contains("écriture \(gaza.entryID) du fonds GAZA, rang \(gaza.position)"), "\(rewritten.stdout)")
        }
    }

    @Test func aFileThatIsNotAHeadIsRefused() throws {
        try TestDatabase.with { database in
            let cli = CLI(database: database, role: "fundledger_writer")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pas-une-tete-\(database.name).txt")
            defer { try? FileManager.default.removeItem(at: file) }
            try "GAZA\t1\t2\t3\tabc\n".write(to: file, atomically: true, encoding: .utf8)
            let outcome = try cli.run("verify", "--head", file.path)
            #expect(outcome.status == 65 && outcome.errorLines.count == 1, "\(outcome.status) \(outcome.stderr)")
            #expect(outcome.stderr.contains("--head"), "\(outcome.stderr)")
            let missing = try cli.run("verify", "--head", file.path + ".absent")
            #expect(missing.status != 0 && missing.stderr.contains("impossible de lire"), "\(missing.stderr)")
            let help = try cli.ok("verify", "--help")
            #expect(help.contains("--print-head") && help.contains("kept outside the database"), "\(help)")
        }
    }
}
