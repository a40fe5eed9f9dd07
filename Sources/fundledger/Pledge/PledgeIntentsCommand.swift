import ArgumentParser
import Ledger
import Reports

struct PledgeIntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "List the intentions to give, waiting for a vote or voted (with their pledge).")

    @Option(help: "Only this fund.") var fund: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        var table = Table(columns: [
            .init("id", "N°", alignment: .right), .init("donor", "Collectivité"), .init("fund", "Fonds"),
            .init("amount", "Montant annoncé", alignment: .right), .init("announced_on", "Annoncée le"),
            .init("note", "Note"), .init("state", "État"), .init("pledge_id", "Promesse n°", alignment: .right),
        ])
        for intent in try connection.reader().pledgeIntents(fund: fund) {
            table.append([.integer(intent.id), .text(intent.donor), .text(intent.fund), .money(intent.amount),
                          .date(intent.announcedOn), .text(intent.note),
                          .label(code: intent.pledgeID == nil ? "intent" : "voted",
                                 french: intent.pledgeID == nil ? "en attente de vote" : "votée"),
                          .integer(intent.pledgeID)])
        }
        output.print(table)
    }
}
