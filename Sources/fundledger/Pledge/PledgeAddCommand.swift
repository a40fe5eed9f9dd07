import ArgumentParser
import Ledger

struct PledgeAddCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["note": "--reference"]

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a pledge voted by a council (4417/74), or with --intent an intention to give.",
        discussion: """
            A voted pledge carries its délibération in --reference and is posted 4417/74. An \
            intention (--intent: the collectivité said it means to give, nothing is voted) is kept \
            and thanked but never posted; fundledger pledge confirm N --deliberation … makes it a \
            pledge. Amounts such as 5000, "5 000", "5 000,50 €"; dates 2026-01-20 or 20/01/2026.
            """)

    @Option(help: "Donor name.") var donor: String
    @Option(help: "Fund code.") var fund: String
    @Option(parsing: .unconditional, help: "Amount promised, e.g. \"5 000\".") var amount: String
    @Option(help: ArgumentHelp("Date of the pledge, e.g. the délibération (default: today).", valueName: "date")) var on: String?
    @Option(help: "Reference, e.g. \"Délib. 2026-014\" (for an intention, a note).") var reference: String?
    @Flag(help: "An intention to give, not voted yet: kept and thanked, not posted.") var intent = false
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let amount = try Parse.money(amount, "--amount")
        let date = try Parse.date(on, "--on")
        let store = try connection.store()
        if intent {
            let intention = try store.recordPledgeIntent(donor: donor, fund: fund, amount: amount, on: date, note: reference,
                                                         idempotencyKey: idempotency.value())
            Output.line("Intention n° \(intention.id) enregistrée : \(intention.donor) → \(intention.fund), \(intention.amount) annoncés le \(Say.date(intention.announcedOn)) — aucune écriture avant le vote (fundledger pledge confirm \(intention.id) --deliberation …).")
            return
        }
        let pledge = try store.recordPledge(donor: donor, fund: fund, amount: amount, on: date, reference: reference,
                                            idempotencyKey: idempotency.value())
        let status = try store.reader.pledge(id: pledge.id)
        Output.line("Promesse n° \(status.id) enregistrée : \(status.donor) → \(status.fund), \(status.pledged) le \(Say.date(status.pledgedOn))\(Say.reference(status.reference)) — écriture n° \(status.entryID).")
    }
}
