import ArgumentParser
import Ledger
import Reports

struct FundRefundCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["fund": "code", "amount": "--amount", "reference": "--decision",
                               "agreed_on": "--decided-on", "value_date": "--on"]

    static let configuration = CommandConfiguration(
        commandName: "refund",
        abstract: "Give a fund's money back to its donors, pro rata of what each gave.",
        discussion: """
            One entry: 6582 per donor / 512. Shares are rounded to the cent and add up to the amount
            exactly (the cents left go to the largest remainders). Without --amount, everything the
            fund holds (then it can be closed). Prints each donor's share.
            Example: fundledger fund refund TURQUIE --decision "CA-2026-11" --decided-on 2026-11-05
            """)

    @Argument(help: "The fund, e.g. TURQUIE.") var code: String
    @Option(parsing: .unconditional, help: "How much (default: all the fund holds).") var amount: String?
    @Option(help: "The reference of the decision to refund, e.g. \"CA-2026-11\".") var decision: String
    @Option(name: .customLong("decided-on"), help: ArgumentHelp("The day it was decided.", valueName: "date"))
    var decidedOn: String
    @Option(help: ArgumentHelp("The day the money leaves (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var output: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let amount = try Parse.optionalMoney(amount, "--amount")
        let decidedOn = try Parse.date(decidedOn, "--decided-on")
        let date = try Parse.date(on, "--on")
        let settlement = try connection.store().refundFund(
            code, amount: amount, on: date, reference: decision, agreedOn: decidedOn,
            idempotencyKey: idempotency.value())
        Output.line("Remboursement n° \(settlement.id) : \(settlement.amount) du fonds \(settlement.fund) rendus à \(settlement.shares.count) collectivité(s) le \(Say.date(settlement.settledOn)), décision \(settlement.reference) du \(Say.date(settlement.agreedOn)) — écriture n° \(settlement.outEntryID).")
        output.print(LedgerTables.refundShares(settlement.shares))
    }
}
