import ArgumentParser
import Ledger
import Reports

struct FundSettlementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlements",
        abstract: "List the reallocations between funds and the refunds to donors.")

    @Option(help: "Only this fund (given up or receiving).") var fund: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        output.print(LedgerTables.settlements(try connection.reader().settlements(fund: fund)))
    }
}
