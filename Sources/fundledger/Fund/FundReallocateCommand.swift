import ArgumentParser
import Ledger

struct FundReallocateCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["fund": "code", "to": "--to", "amount": "--amount", "reference": "--agreement",
                               "agreed_on": "--agreed-on", "value_date": "--on"]

    static let configuration = CommandConfiguration(
        commandName: "reallocate",
        abstract: "Give a fund's money to another fund's purpose, with the donors' agreement.",
        discussion: """
            Two entries, one in each fund: 6581 / 512 in the fund given up, 512 / 7581 in the fund
            receiving. Without --amount, everything the fund holds (then it can be closed).
            Example: fundledger fund reallocate TURQUIE --to MAROC --agreement "AG-2026-07" --agreed-on 2026-10-02
            """)

    @Argument(help: "The fund given up, e.g. TURQUIE.") var code: String
    @Option(help: "The fund receiving the money.") var to: String
    @Option(parsing: .unconditional, help: "How much (default: all the fund holds).") var amount: String?
    @Option(help: "The reference of the donors' agreement, e.g. \"AG-2026-07\".") var agreement: String
    @Option(name: .customLong("agreed-on"), help: ArgumentHelp("The day the donors agreed.", valueName: "date"))
    var agreedOn: String
    @Option(help: ArgumentHelp("The day the money moves (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let amount = try Parse.optionalMoney(amount, "--amount")
        let agreedOn = try Parse.date(agreedOn, "--agreed-on")
        let date = try Parse.date(on, "--on")
        let settlement = try connection.store().reallocateFund(
            from: code, to: to, amount: amount, on: date, reference: agreement, agreedOn: agreedOn,
            idempotencyKey: idempotency.value())
        Output.line("Réaffectation n° \(settlement.id) : \(settlement.amount) du fonds \(settlement.fund) au fonds \(settlement.targetFund ?? to) le \(Say.date(settlement.settledOn)), accord des donateurs \(settlement.reference) du \(Say.date(settlement.agreedOn)) — écritures n° \(settlement.outEntryID) et \(settlement.inEntryID.map(String.init) ?? "?").")
    }
}
