import ArgumentParser
import Ledger

struct PledgeWriteOffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write-off",
        abstract: "Give up what a pledge still expects (pledged − received − written off).")

    @Argument(help: ArgumentHelp("Pledge id.", valueName: "id")) var id: Int64
    @Option(help: "Why the rest will not come.") var reason: String?
    @Option(help: ArgumentHelp("Date of the write-off (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let date = try Parse.date(on, "--on")
        let store = try connection.store()
        let entry = try store.writeOffPledge(id, reason: reason, on: date, idempotencyKey: idempotency.value())
        let pledge = try store.reader.pledge(id: id)
        Output.line("Promesse n° \(id) soldée le \(Say.date(entry.valueDate)) : \(pledge.writtenOff) abandonnés — écriture n° \(entry.id).")
    }
}
