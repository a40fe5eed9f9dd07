import ArgumentParser
import Ledger

struct EntryReverseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse",
        abstract: "Record the exact opposite of an entry; both stay in the journal.")

    @Argument(help: ArgumentHelp("Journal entry id.", valueName: "id")) var id: Int64
    @Option(help: "Why the entry is corrected (required).") var reason: String
    @Option(help: ArgumentHelp("Date of the reversal (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let date = try Parse.date(on, "--on")
        let entry = try connection.store().reverseEntry(id, reason: reason, on: date,
                                                        idempotencyKey: idempotency.value())
        Output.line("Écriture n° \(id) annulée par l'écriture n° \(entry.id) le \(Say.date(entry.valueDate)) : \(entry.description).")
    }
}
