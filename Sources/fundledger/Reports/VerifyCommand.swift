import ArgumentParser
import Ledger
import Postgres

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every entry balances and every cached figure matches the postings.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let store = try connection.store()
        let problems = try store.verify()
        guard problems.isEmpty else {
            for problem in problems { Output.line(problem.description) }
            throw CLIError("ledger verification found \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
        let counts = try store.connection.query(
            "SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM accounts) AS accounts"
        ).single()
        let entries: Int64 = try counts.decode("entries")
        let accounts: Int64 = try counts.decode("accounts")
        Output.line("ledger verified: \(entries) entries, \(accounts) accounts, no difference")
    }
}
