import ArgumentParser
import Ledger

struct FundSetThanksCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "code", "template": "--template", "order": "--order"]

    static let configuration = CommandConfiguration(
        commandName: "set-thanks",
        abstract: "Set a fund's thanks sentence for the newsletter, the order of the names and bold.",
        discussion: """
            The sentence may use {count} (how many collectivités), {audience} (the fund's audience), \
            {names} (the list, once) and {singulier|pluriel}, words that agree with the number of \
            names, e.g. "{la collectivité qui a|les {count} collectivités qui ont}". Without \
            --template the default sentence is kept. --pledged \
            sets the sentence for those that confirmed they intend to give. Example:
              fundledger fund set-thanks VIETNAM --pledged --order first-commitment --bold --template \
            "CUF souhaite d'ores et déjà remercier les collectivités qui ont confirmé leur intérêt à \
            participer à cette initiative, ainsi que la confiance qu'elles nous accordent : {names}."
            """)

    @Argument(help: "Fund code, e.g. VIETNAM.") var code: String
    @Flag(help: "The sentence for the collectivités that pledged rather than those that gave.") var pledged = false
    @Option(help: "The sentence, with {count}, {audience}, {names} and {singulier|pluriel}.") var template: String?
    @Option(help: "alphabetical (default) or first-commitment.") var order: ThanksOrder = .alphabetical
    @Flag(help: "Names in bold in markdown and html.") var bold = false
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let thanked: Thanked = pledged ? .pledgers : .contributors
        let kept = try connection.store().setFundThanks(code: code, thanked: thanked, template: template,
                                                         order: order, bold: bold, idempotencyKey: idempotency.value())
        let whom = pledged ? "promesses" : "contributions"
        Output.line("Fonds \(code.uppercased()) : remerciements (\(whom)) \(kept.template == nil ? "par défaut" : "enregistrés"), "
            + "ordre \(kept.order == .alphabetical ? "alphabétique" : "du premier engagement")\(kept.bold ? ", noms en gras" : "").")
    }
}
