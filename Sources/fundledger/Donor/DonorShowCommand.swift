import ArgumentParser
import Ledger
import Reports

struct DonorShowCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["name": "name"]

    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a donor with its pledges and contributions.")

    @Argument(help: "Donor name (case and accents do not matter).") var name: String
    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let reader = try connection.reader()
        let donor = try reader.donor(named: name)
        let pledges = try reader.pledges(donor: donor.name)
        let contributions = try reader.contributions(donor: donor.name)
        if format.format == .csv || format.format == .json {
            format.print(LedgerTables.contributions(contributions))
            return
        }
        Output.line("\(donor.name) — n° \(donor.id), \(FrenchLabels.donorKind(donor.kind))" + (donor.siren.map { ", SIREN \($0)" } ?? ""))
        Output.line("")
        Output.line("Promesses :")
        format.print(LedgerTables.pledges(pledges))
        Output.line("")
        Output.line("Versements :")
        format.print(LedgerTables.contributions(contributions))
    }
}
