import ArgumentParser
import Reports

struct MilestoneListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List milestones by project and due date.")

    @Option(help: ArgumentHelp("Only this project.", valueName: "id")) var project: Int64?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.milestones(try connection.reader().milestones(project: project)))
    }
}
