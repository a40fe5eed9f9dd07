import ArgumentParser
import Ledger

struct ContributionAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record money received from a donor for a fund.",
        discussion: """
            The money pays the donor's open pledges on the fund, oldest first, unless --pledge names \
            one or --no-pledge is given; the rest is a gift above pledges.
            Amounts such as 2500, "2 500,00 €", "2 500,00 EUR"; dates 2026-02-03 or 03/02/2026.
            """)

    @Option(help: "Donor name.") var donor: String
    @Option(help: "Fund code.") var fund: String
    @Option(parsing: .unconditional, help: "Amount received, e.g. \"2 500,00 €\".") var amount: String
    @Option(help: ArgumentHelp("Date received (default: today).", valueName: "date")) var on: String?
    @Option(help: ArgumentHelp("Apply the money to this pledge only.", valueName: "id")) var pledge: Int64?
    @Flag(name: .customLong("no-pledge"), help: "A gift without pledge, even if one is open.") var noPledge = false
    @Option(help: "Reference of the transfer or mandat, unique per donor.") var reference: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if pledge != nil && noPledge {
            throw ValidationError("--pledge and --no-pledge cannot be given together")
        }
    }

    func run() throws {
        let amount = try Parse.money(amount, "--amount")
        let date = try Parse.date(on, "--on")
        let choice: PledgeChoice = noPledge ? .none : pledge.map { .pledge($0) } ?? .automatic
        let contribution = try connection.store().recordContribution(
            donor: donor, fund: fund, amount: amount, on: date, pledge: choice, reference: reference,
            idempotencyKey: idempotency.value())
        var applied = ""
        if contribution.appliedToPledges > .zero {
            applied = ", dont \(contribution.appliedToPledges) sur promesse"
                + (contribution.pledgeID.map { " (n° \($0))" } ?? "")
        }
        Output.line("Versement n° \(contribution.id) enregistré : \(contribution.donor) → \(contribution.fund), \(contribution.amount) reçus le \(Say.date(contribution.receivedOn))\(applied)\(Say.reference(contribution.reference)) — écriture n° \(contribution.entryID).")
    }
}
