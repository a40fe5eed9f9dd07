import ArgumentParser
import Ledger

struct PledgeCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a pledge that has received nothing (its entry is reversed; both stay visible).")

    @Argument(help: ArgumentHelp("Pledge id.", valueName: "id")) var id: Int64
    @Option(help: "Why it is cancelled.") var reason: String?
    @Option(help: ArgumentHelp("Date of the cancellation (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let date = try Parse.date(on, "--on")
        let entry = try connection.store().cancelPledge(id, reason: reason, on: date,
                                                        idempotencyKey: idempotency.value())
        Output.line("Promesse n° \(id) annulée le \(Say.date(entry.valueDate)) — écriture d'annulation n° \(entry.id) : \(entry.description).")
    }
}
