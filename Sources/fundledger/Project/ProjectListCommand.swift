import ArgumentParser
import Reports

struct ProjectListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List projects.")

    @Option(help: "Only this fund.") var fund: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.projects(try connection.reader().projects(fund: fund)))
    }
}
