import ArgumentParser
import Ledger

struct PledgeAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a pledge: a collectivité's promise to give, not money yet.",
        discussion: "Amounts such as 5000, \"5 000\", \"5 000,50 €\"; dates 2026-01-20 or 20/01/2026.")

    @Option(help: "Donor name.") var donor: String
    @Option(help: "Fund code.") var fund: String
    @Option(parsing: .unconditional, help: "Amount promised, e.g. \"5 000\".") var amount: String
    @Option(help: ArgumentHelp("Date of the pledge, e.g. the délibération (default: today).", valueName: "date")) var on: String?
    @Option(help: "Reference, e.g. \"Délib. 2026-014\".") var reference: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let amount = try Parse.money(amount, "--amount")
        let date = try Parse.date(on, "--on")
        let store = try connection.store()
        let pledge = try store.recordPledge(donor: donor, fund: fund, amount: amount, on: date, reference: reference,
                                            idempotencyKey: idempotency.value())
        let status = try store.reader.pledge(id: pledge.id)
        Output.line("Promesse n° \(status.id) enregistrée : \(status.donor) → \(status.fund), \(status.pledged) le \(Say.date(status.pledgedOn))\(Say.reference(status.reference)) — écriture n° \(status.entryID).")
    }
}
