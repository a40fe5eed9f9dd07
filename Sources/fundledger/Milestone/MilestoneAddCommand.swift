import ArgumentParser
import Ledger

struct MilestoneAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a milestone to a project.")

    @Option(help: ArgumentHelp("Project id.", valueName: "id")) var project: Int64
    @Option(help: "What is to be achieved.") var title: String
    @Option(help: ArgumentHelp("Due date, e.g. 2026-03-31.", valueName: "date")) var due: String
    @Option(parsing: .unconditional, help: "Tranche released when achieved, e.g. \"10 000\".") var tranche: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let due = try Parse.date(due, "--due")
        let tranche = try Parse.optionalMoney(tranche, "--tranche")
        let milestone = try connection.store().addMilestone(project: project, title: title, dueOn: due,
                                                            tranche: tranche, idempotencyKey: idempotency.value())
        Output.line("Étape n° \(milestone.id) enregistrée pour le projet n° \(milestone.projectID) : « \(milestone.title) », échéance le \(Say.date(milestone.dueOn))"
                    + (milestone.tranche.map { ", tranche de \($0)" } ?? "") + ".")
    }
}
