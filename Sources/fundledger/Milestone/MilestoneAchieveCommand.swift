import ArgumentParser
import Ledger

struct MilestoneAchieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "achieve", abstract: "Mark a milestone achieved.")

    @Argument(help: ArgumentHelp("Milestone id.", valueName: "id")) var id: Int64
    @Option(help: ArgumentHelp("Date achieved (default: today).", valueName: "date")) var on: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let date = try Parse.date(on, "--on")
        let milestone = try connection.store().achieveMilestone(id, on: date, idempotencyKey: idempotency.value())
        Output.line("Étape n° \(milestone.id) « \(milestone.title) » atteinte le \(Say.date(milestone.achievedOn ?? date)).")
    }
}
