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
        let reference = try Parse.optionalName(reference, "--reference")
        let store = try connection.store()
        let disbursement: Disbursement
        do {
            disbursement = try store.recordDisbursement(
                project: project, milestone: milestone, amount: amount, on: date, reference: reference,
                idempotencyKey: idempotency.value())
        } catch let error as LedgerError where error.kind == .insufficientFunds {
            throw overdraw(error, store: store, amount: amount)
        }
        Output.line("Décaissement n° \(disbursement.id) enregistré : \(disbursement.amount) versés le \(Say.date(disbursement.paidOn)) pour le projet n° \(disbursement.projectID)"
                    + (disbursement.milestoneID.map { ", étape n° \($0)" } ?? "")
                    + Say.reference(disbursement.reference) + " — écriture n° \(disbursement.entryID).")
    }

    /// The database speaks in cents; say it in euros, with what the fund holds.
    private func overdraw(_ error: LedgerError, store: LedgerStore, amount: Money) -> any Error {
        guard let fundID = try? store.projects().first(where: { $0.id == project })?.fundID,
              let code = try? store.funds().first(where: { $0.id == fundID })?.code,
              let balance = try? store.balances(fund: code).first else { return error }
        return CLIError("fund \(code) holds \(balance.available): a disbursement of \(amount) would overdraw it (project \(project))",
                        exitCode: error.kind.exitCode)
    }
}
