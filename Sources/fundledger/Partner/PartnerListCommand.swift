import ArgumentParser
import Reports

struct PartnerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List partners in French order.")

    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.partners(try connection.reader().partners()))
    }
}
