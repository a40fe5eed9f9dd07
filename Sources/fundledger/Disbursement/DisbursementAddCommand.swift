import ArgumentParser
import Ledger

struct DisbursementAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a tranche paid to a project's partner (refused if the fund lacks the money).")

    @Option(help: ArgumentHelp("Project id.", valueName: "id")) var project: Int64
    @Option(parsing: .unconditional, help: "Amount paid, e.g. \"10 000\".") var amount: String
    @Option(help: ArgumentHelp("Date paid (default: today).", valueName: "date")) var on: String?
    @Option(help: ArgumentHelp("Milestone the tranche is for.", valueName: "id")) var milestone: Int64?
    @Option(help: "Reference of the transfer.") var reference: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let amount = try Parse.money(amount, "--amount")
        let date = try Parse.date(on, "--on")
        let disbursement = try connection.store().recordDisbursement(
            project: project, milestone: milestone, amount: amount, on: date, reference: reference,
            idempotencyKey: idempotency.value())
        Output.line("Décaissement n° \(disbursement.id) enregistré : \(disbursement.amount) versés le \(Say.date(disbursement.paidOn)) pour le projet n° \(disbursement.projectID)"
                    + (disbursement.milestoneID.map { ", étape n° \($0)" } ?? "")
                    + Say.reference(disbursement.reference) + " — écriture n° \(disbursement.entryID).")
    }
}
