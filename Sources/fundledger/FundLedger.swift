import ArgumentParser
import Foundation
import Ledger
import Postgres
import Reports

/// `fundledger`: the finance staff's command line for the solidarity funds' ledger.
@main
struct FundLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fundledger",
        abstract: "Record solidarity funds, donors, pledges, contributions and disbursements; print donor lists and thanks.",
        discussion: """
            The database comes from --database-url, else DATABASE_URL, else libpq's PG* variables.

            Amounts: 5000, 5000.5, "5 000,50", "5 000,50 €", "5 000,50 EUR" (plain, no-break or narrow \
            no-break spaces between thousands). Zero, negative, exponents, more than two decimals and \
            ambiguous separators such as 12,3,4 are refused.
            Dates: 2026-01-20 or 20/01/2026; impossible dates such as 2026-02-30 are refused.

            Any refusal prints one line on standard error, exits with a non-zero status and leaves \
            the database unchanged. Exit status: 64 usage, 65 invalid input, 66 not found, \
            69 database unavailable, 70 internal error, 73 already exists, 75 refused by the \
            ledger's state (funds, fund closed, pledge, reversal), 78 migration, 1 other refusals.
            """,
        subcommands: [
            MigrateCommand.self,
            FundCommand.self, DonorCommand.self, PledgeCommand.self, ContributionCommand.self,
            PartnerCommand.self, ProjectCommand.self, MilestoneCommand.self, DisbursementCommand.self,
            EntryCommand.self, PeriodCommand.self, YearEndCommand.self,
            ImportCommand.self,
            BalancesCommand.self, DonorsCommand.self, ThanksCommand.self, VerifyCommand.self, DemoCommand.self,
            ReportCommand.self, StatementCommand.self, ExportCommand.self,
            ServeCommand.self, TokenCommand.self, UserCommand.self, SettingsCommand.self,
        ]
    )

    /// Parses, runs, and turns every error into one line on standard error.
    static func main() async {
        await main(CommandLine.arguments.dropFirst().map { $0 })
    }

    static func main(_ arguments: [String]) async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            fail(error, arguments: arguments)
        }
        do {
            if var command = command as? any AsyncParsableCommand {
                try await command.run()  // `serve`
            } else {
                var command = command
                try command.run()
            }
        } catch {
            fail(LedgerFields.naming(error, for: command))
        }
    }

    /// Exits after printing the error: help and clean exits as ArgumentParser prints them, every
    /// other error as a single `fundledger: error: …` line, with the status `status(for:)` gives.
    static func fail(_ error: any Error, arguments: [String] = []) -> Never {
        switch error {
        case is InputError, is LedgerError, is PostgresError, is CLIError, is ReportError:
            printError(oneLine(String(describing: error)))
            Foundation.exit(status(for: error))
        default:
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            var text = oneLine(message(for: error))
            for prefix in ["Error: ", "error: "] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
            }
            printError(text + " (see '\(commandPath(arguments).joined(separator: " ")) --help')")
            Foundation.exit(code.rawValue)
        }
    }

    /// The exit status of a refusal (sysexits-inspired, see `LedgerError.Kind.exitCode` and README):
    /// a ledger refusal by its kind; typed input the ledger cannot read 65 (EX_DATAERR); a database
    /// that cannot be reached 69 (EX_UNAVAILABLE), any other database failure 70 (EX_SOFTWARE);
    /// the command line's own refusals their own status (1 unless said).
    static func status(for error: any Error) -> Int32 {
        switch error {
        case let error as LedgerError: error.kind.exitCode
        case is InputError: LedgerError.Kind.invalidInput.exitCode
        case let error as PostgresError: error.kind == .connection ? LedgerError.Kind.database.exitCode : 70
        case let error as CLIError: error.exitCode
        default: EXIT_FAILURE
        }
    }

    /// `fundledger pledge add` for `pledge add --amount …`: the commands the arguments name.
    static func commandPath(_ arguments: [String]) -> [String] {
        var path = ["fundledger"]
        var command: any ParsableCommand.Type = FundLedger.self
        for argument in arguments {
            guard let next = command.configuration.subcommands.first(where: {
                $0.configuration.commandName == argument
            }) else { break }
            path.append(argument)
            command = next
        }
        return path
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data("fundledger: error: \(text)\n".utf8))
    }

    /// Newlines and tabs (libpq puts some in its messages) become single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline || $0 == "\t" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
