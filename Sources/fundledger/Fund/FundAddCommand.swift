import ArgumentParser
import Ledger

struct FundAddCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "code"]

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Open a fund, e.g. fund add GAZA --name \"Fonds Gaza\" --audience \"la population gazaouie\".")

    @Argument(help: "Short code of the fund, e.g. GAZA (stored in capitals).") var code: String
    @Option(help: "Full name, e.g. \"Fonds de solidarité pour Gaza\".") var name: String
    @Option(name: .customLong("opened-on"), help: ArgumentHelp("Opening date (default: today).", valueName: "date")) var openedOn: String?
    @Option(help: "Who the thanks say the solidarity went to, e.g. \"la population gazaouie\".") var audience: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let openedOn = try Parse.date(openedOn, "--opened-on")
        let key = idempotency.value()
        let fund = try connection.store().openFund(code: code, name: name, audience: audience, openedOn: openedOn,
                                                   idempotencyKey: key)
        Output.line("Fonds \(fund.code) (n° \(fund.id)) ouvert le \(Say.date(fund.openedOn)) : \(fund.name)"
                    + (fund.audience.map { ", au bénéfice de \($0)" } ?? "") + ".")
    }
}
