import ArgumentParser
import Ledger
import Reports

struct DonorsCommand: ParsableCommand {
    enum Status: String, CaseIterable, ExpressibleByArgument {
        case contributed, pledged, all
    }

    static let configuration = CommandConfiguration(
        commandName: "donors",
        abstract: "A fund's donor collectivités in French order: pledged, received, outstanding, last contribution.")

    @Option(help: "Fund code.") var fund: String
    @Option(help: "contributed (gave money), pledged (made a pledge) or all.") var status: Status = .all
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let totals = try connection.store().donorTotals(fund: Parse.name(fund, "--fund")).filter { row in
            switch status {
            case .contributed: row.received > .zero
            case .pledged: row.pledged > .zero
            case .all: true
            }
        }
        format.print(LedgerTables.donorTotals(totals))
    }
}
