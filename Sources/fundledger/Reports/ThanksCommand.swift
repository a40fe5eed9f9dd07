import ArgumentParser
import Ledger
import Reports

extension ThanksOrder: ExpressibleByArgument {}
extension ThanksFormat: ExpressibleByArgument {}

struct ThanksCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "--fund"]

    static let configuration = CommandConfiguration(
        commandName: "thanks",
        abstract: "Print the newsletter's thanks paragraph for a fund's donors.",
        discussion: """
            By default thanks the collectivités that gave (contributions not reversed), in the fund's \
            own sentence (fundledger fund set-thanks) or the default one. --pledged thanks those that \
            confirmed they intend to give. --since/--until restrict to a period (default: since the \
            fund opened). --order and bold default to what the fund keeps.
            """)

    @Option(help: "Fund code.") var fund: String
    @Flag(help: "Thank the collectivités that pledged rather than those that gave.") var pledged = false
    @Option(name: [.customLong("since"), .customLong("from")],
            help: ArgumentHelp("From this date (inclusive).", valueName: "date")) var since: String?
    @Option(name: [.customLong("until"), .customLong("to")],
            help: ArgumentHelp("To this date (inclusive).", valueName: "date")) var until: String?
    @Option(help: ArgumentHelp("alphabetical (French order) or first-commitment (default: the fund's).",
                               valueName: "order")) var order: ThanksOrder?
    @Option(help: "text, markdown or html.") var format: ThanksFormat = .text
    @Flag(inversion: .prefixedNo, help: "Names in bold in markdown and html (default: the fund's).") var bold: Bool?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let since = try Parse.optionalDate(since, "--since")
        let until = try Parse.optionalDate(until, "--until")
        if let since, let until, until < since {
            throw CLIError("--until\u{00A0}: le \(FrenchText.date(until)) précède --since, le \(FrenchText.date(since))")
        }
        let reader = try connection.reader()
        let fund = try reader.fund(code: fund)
        let thanked: Thanked = pledged ? .pledgers : .contributors
        let settings = try reader.fundThanks(fund: fund.code, thanked: thanked)
        let order = order ?? settings.order
        let names = pledged ? try reader.pledgers(fund: fund.code, from: since, to: until, order: order)
            : try reader.contributors(fund: fund.code, from: since, to: until, order: order)
        let paragraph: String?
        do {
            paragraph = try ThanksParagraph.render(names: names, thanked: thanked, template: settings.template,
                                                   audience: fund.audience, format: format,
                                                   bold: bold ?? settings.bold)
        } catch let error as ReportError {
            throw CLIError(error.description)
        }
        guard let paragraph else {
            let period = since == nil && until == nil ? "" : " sur cette période"
            throw CLIError("le fonds \(fund.code) n’a reçu aucun\(pledged ? "e promesse" : " versement")\(period)\u{00A0}: personne à remercier")
        }
        Output.line(format == .html ? "<p class=\"thanks\">\(paragraph)</p>" : paragraph)
    }
}
