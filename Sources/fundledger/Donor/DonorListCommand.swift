import ArgumentParser
import Reports

struct DonorListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List donor collectivités in French order.")

    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.donors(try connection.reader().donors()))
    }
}
