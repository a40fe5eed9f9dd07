import ArgumentParser
import Ledger

struct FundCloseCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["code": "code"]

    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close a fund: it takes no more entries of any kind.")

    @Argument(help: "Fund code, e.g. GAZA.") var code: String
    @Option(help: ArgumentHelp("Closing date (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let date = try Parse.date(on, "--on")
        let fund = try connection.store().setFundStatus(code: code, status: .closed, on: date,
                                                        idempotencyKey: idempotency.value())
        Output.line("Fonds \(fund.code) (n° \(fund.id)) clos le \(Say.date(fund.closedOn ?? date)).")
    }
}
