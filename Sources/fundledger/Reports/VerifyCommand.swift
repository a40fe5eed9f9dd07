import ArgumentParser
import Foundation
import Ledger
import Postgres

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every entry balances, every cached figure matches the postings, and every fund's chain of entry seals is intact.",
        discussion: """
            Each journal entry is sealed by a SHA-256 chained over the previous entry of its fund \
            (its content, postings, recorded_at, recorded_by). verify recomputes every chain and names \
            the first entry of a fund that differs: an entry edited, added or removed behind the \
            triggers' back, even by a superuser, is found.

            What it cannot find alone: a whole chain rewritten consistently, or its last entries cut \
            off with their seals, by someone able to write every table. Only a head kept outside the \
            database catches that: print it with \
            --print-head after a clean verification, keep the file elsewhere (mailed to the \
            treasurer, in the minutes, in another system), and later run verify --head FILE: each \
            entry the file names must still be at its place in its fund's chain, with its hash.

            Head file (version 1, stable): a first line "# fundledger chain head v1", comment lines \
            starting with "#", then one line per fund holding entries, in fund id order, five fields \
            separated by a tab: fund code, fund id, position of its last entry in the chain (1 for \
            the first), that entry's id, its SHA-256 in lowercase hexadecimal.
            """)

    @Flag(help: ArgumentHelp(
        "After a clean verification, print the head file (each fund's chain head) on standard output instead of the summary.",
        discussion: "Keep it outside the database: see --head."))
    var printHead = false

    @Option(help: ArgumentHelp(
        "A head file printed earlier by --print-head: also check that each entry it names is still at its place in its fund's chain, with its hash.",
        valueName: "FILE"))
    var head: String?

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let kept = try head.map { path -> [ChainHead] in
            let text: String
            do {
                text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
            } catch {
                throw CLIError("--head\u{00A0}: impossible de lire « \(path) »\u{00A0}: \((error as NSError).localizedDescription)")
            }
            return try ChainHead.parse(text)
        }
        let reader = try connection.reader()
        // The heads first: the verification that follows covers at least the entries they seal.
        let heads = printHead ? try reader.chainHeads() : []
        var problems = try reader.verify()
        if let kept { problems += try reader.verify(against: kept) }
        guard problems.isEmpty else {
            for problem in problems { Output.line(problem.description) }
            throw CLIError("la vérification du grand livre a trouvé \(problems.count) problème\(problems.count == 1 ? "" : "s")")
        }
        let counts = try reader.counts()
        var summary = "ledger verified: \(counts.entries) entries, \(counts.accounts) accounts, no difference"
        if let kept {
            summary += "; \(kept.count) tête\(kept.count == 1 ? "" : "s") de chaîne conservée\(kept.count == 1 ? "" : "s") retrouvée\(kept.count == 1 ? "" : "s")"
        }
        if printHead {
            Notice.line(summary)
            Output.write(ChainHead.file(heads))
        } else {
            Output.line(summary)
        }
    }
}
