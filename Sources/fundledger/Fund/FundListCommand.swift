import ArgumentParser
import Reports

struct FundListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the funds.")

    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.funds(try connection.reader().funds()))
    }
}
