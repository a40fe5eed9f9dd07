import ArgumentParser
import Reports

struct StatementCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["name": "--donor"]

    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "A donor collectivité's statement: pledges and contributions by fund, what remains expected, what the funds achieved.")

    @Option(help: "The collectivité (case and accents do not matter).") var donor: String
    @Option(help: ArgumentHelp("Only this year (default: every year).", valueName: "year")) var year: Int?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        if let year, !(1900...9999).contains(year) {
            throw CLIError("--year\u{00A0}: \(year) n’est pas une année")
        }
        let statement = try DonorStatementQuery(connection: connection.connect())
            .statement(donor: donor, year: year)
        Output.write(DonorStatementRenderer.render(statement, as: format.format))
    }
}
