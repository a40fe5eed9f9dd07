import ArgumentParser
import Reports

struct PledgeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List pledges with what they received and still expect.")

    @Option(help: "Only this fund.") var fund: String?
    @Option(help: "Only this donor.") var donor: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let pledges = try connection.reader().pledges(fund: fund, donor: donor)
        format.print(LedgerTables.pledges(pledges))
    }
}
