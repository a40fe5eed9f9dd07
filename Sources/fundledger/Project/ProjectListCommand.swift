import ArgumentParser
import Reports

struct ProjectListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List projects.")

    @Option(help: "Only this fund.") var fund: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let store = try connection.store()
        let projects = try store.projects(fund: Parse.optionalName(fund, "--fund"))
        let funds = Dictionary(try store.funds().map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        let partners = Dictionary(try store.partners().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        format.print(LedgerTables.projects(projects, fundCodes: funds, partnerNames: partners))
    }
}
