import ArgumentParser
import Ledger
import Postgres

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every entry balances and every cached figure matches the postings.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let reader = try connection.reader()
        let problems = try reader.verify()
        guard problems.isEmpty else {
            for problem in problems { Output.line(problem.description) }
            throw CLIError("la vérification du grand livre a trouvé \(problems.count) problème\(problems.count == 1 ? "" : "s")")
        }
        let counts = try reader.counts()
        Output.line("ledger verified: \(counts.entries) entries, \(counts.accounts) accounts, no difference")
    }
}
