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
        let store = try connection.store()
        let disbursements = try store.disbursements(fund: Parse.optionalName(fund, "--fund"), project: project)
        let fundCodes = Dictionary(uniqueKeysWithValues: try store.funds().map { ($0.id, $0.code) })
        format.print(LedgerTables.disbursements(disbursements, fundCodes: fundCodes))
    }
}
