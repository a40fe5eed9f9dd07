import ArgumentParser
import Ledger
import Reports

struct ThanksCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "--fund"]

    static let configuration = CommandConfiguration(
        commandName: "thanks",
        abstract: "Print the newsletter's thanks paragraph for a fund's donors.",
        discussion: """
            By default thanks the collectivités that gave (contributions not reversed), with the fund's \
            audience phrase. --pledged thanks those that confirmed they intend to give. --from/--to \
            restrict to a period.
            """)

    @Option(help: "Fund code.") var fund: String
    @Flag(help: "Thank the collectivités that pledged rather than those that gave.") var pledged = false
    @Option(help: ArgumentHelp("From this date (inclusive).", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("To this date (inclusive).", valueName: "date")) var to: String?
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let from = try Parse.optionalDate(from, "--from")
        let to = try Parse.optionalDate(to, "--to")
        if let from, let to, to < from {
            throw CLIError("--to\u{00A0}: le \(FrenchText.date(to)) précède --from, le \(FrenchText.date(from))")
        }
        let reader = try connection.reader()
        let fund = try reader.fund(code: fund)
        let paragraph: String?
        if pledged {
            paragraph = ThanksParagraph.pledgers(try reader.pledgers(fund: fund.code, from: from, to: to))
        } else {
            paragraph = ThanksParagraph.contributors(try reader.contributors(fund: fund.code, from: from, to: to),
                                                     audience: fund.audience)
        }
        guard let paragraph else {
            let period = from == nil && to == nil ? "" : " sur cette période"
            throw CLIError("le fonds \(fund.code) n’a reçu aucun\(pledged ? "e promesse" : " versement")\(period)\u{00A0}: personne à remercier")
        }
        Output.line(paragraph)
    }
}
