import ArgumentParser
import Ledger

struct PledgeConfirmCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["deliberation": "--deliberation", "on": "--on"]

    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Record the vote that makes an intention a pledge: its délibération, then 4417/74.",
        discussion: """
            Example: fundledger pledge confirm 3 --deliberation "DEL-2026-014" --on 2026-02-10
            --amount when the council voted another amount than announced.
            """)

    @Argument(help: "The intention's number (fundledger pledge intents).") var intent: Int64
    @Option(help: "The délibération's reference, e.g. \"DEL-2026-014\".") var deliberation: String
    @Option(help: ArgumentHelp("The day it was voted (default: today).", valueName: "date")) var on: String?
    @Option(parsing: .unconditional, help: "The amount voted, when it differs from the one announced.") var amount: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let amount = try Parse.optionalMoney(amount, "--amount")
        let date = try Parse.date(on, "--on")
        let store = try connection.store()
        let pledge = try store.confirmPledgeIntent(intent, deliberation: deliberation, on: date, amount: amount,
                                                   idempotencyKey: idempotency.value())
        let status = try store.reader.pledge(id: pledge.id)
        Output.line("Intention n° \(intent) votée : promesse n° \(status.id), \(status.donor) → \(status.fund), \(status.pledged) le \(Say.date(status.pledgedOn))\(Say.reference(status.reference)) — écriture n° \(status.entryID).")
    }
}
