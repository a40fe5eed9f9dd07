import ArgumentParser
import Reports

struct DisbursementListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List payments to partners, oldest first.")

    @Option(help: "Only this fund.") var fund: String?
    @Option(help: ArgumentHelp("Only this project.", valueName: "id")) var project: Int64?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.disbursements(try connection.reader().disbursements(fund: fund, project: project)))
    }
}
