import ArgumentParser
import Ledger

extension Fund.Status: ExpressibleByArgument {}

struct FundSetStatusCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "code"]

    static let configuration = CommandConfiguration(
        commandName: "set-status",
        abstract: "Set a fund's status: open, closing (no new pledges) or closed (nothing new).")

    @Argument(help: "Fund code, e.g. TURQUIE.") var code: String
    @Argument(help: "open, closing or closed.") var status: Fund.Status
    @Option(help: ArgumentHelp("Date of the change (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let date = try Parse.date(on, "--on")
        let fund = try connection.store().setFundStatus(code: code, status: status, on: date,
                                                        idempotencyKey: idempotency.value())
        Output.line("Fonds \(fund.code) (n° \(fund.id)) : statut \(FrenchLabels.fundStatus(fund.status)) au \(Say.date(date)).")
    }
}
