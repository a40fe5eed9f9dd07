import ArgumentParser
import Ledger
import Reports

extension DonorSelection: ExpressibleByArgument {}

struct DonorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donors",
        abstract: "A fund's donor collectivités in French order: pledged, received, outstanding, last contribution.")

    @Option(help: "Fund code.") var fund: String
    @Option(help: "contributed (gave money), pledged (made a pledge) or all.") var status: DonorSelection = .all
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        format.print(LedgerTables.donorTotals(try connection.reader().donorTotals(fund: fund, only: status)))
    }
}
