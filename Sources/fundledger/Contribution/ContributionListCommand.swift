import ArgumentParser
import Reports

struct ContributionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List contributions, oldest first.")

    @Option(help: "Only this fund.") var fund: String?
    @Option(help: "Only this donor.") var donor: String?
    @Option(help: ArgumentHelp("Received on or after this date.", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("Received on or before this date.", valueName: "date")) var to: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let contributions = try connection.reader().contributions(
            fund: fund, donor: donor,
            from: Parse.optionalDate(from, "--from"), to: Parse.optionalDate(to, "--to"))
        format.print(LedgerTables.contributions(contributions))
    }
}
