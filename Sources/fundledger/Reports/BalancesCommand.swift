import ArgumentParser
import Reports

struct BalancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balances",
        abstract: "Each fund's received, disbursed, available and outstanding pledges.")

    @Option(help: "Only this fund.") var fund: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.balances(try connection.reader().balances(fund: fund)))
    }
}
