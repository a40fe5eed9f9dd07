import ArgumentParser
import Ledger

struct ProjectAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a project to a fund.")

    @Option(help: "Fund code.") var fund: String
    @Option(help: "Partner name.") var partner: String
    @Option(help: "Title of the project.") var title: String
    @Option(parsing: .unconditional, help: "Budget, e.g. \"30 000\".") var budget: String?
    @OptionGroup var idempotency: IdempotencyOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let budget = try Parse.optionalMoney(budget, "--budget")
        let store = try connection.store()
        let added = try store.addProject(fund: fund, partner: partner, title: title, budget: budget,
                                         idempotencyKey: idempotency.value())
        let project = try store.reader.project(id: added.id)
        Output.line("Projet n° \(project.id) enregistré : « \(project.title) », fonds \(project.fundCode), partenaire \(project.partner)"
                    + (project.budget.map { ", budget \($0)" } ?? "") + ".")
    }
}
