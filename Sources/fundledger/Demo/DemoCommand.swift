import ArgumentParser
import Ledger

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the four funds of the documents (Gaza, Turquie, Maroc, Vietnam) with illustrative amounts.",
        discussion: """
            Idempotent: a second run changes nothing. Names, partners, milestones and dates follow the \
            association's documents; the documents give no amounts, so every amount is invented.
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let store = try connection.store()
        Output.line("Données de démonstration — Montants fictifs, à titre d'illustration (les documents ne donnent aucun montant).")
        let before = try store.reader.counts()
        try DemoDataset(store: store, log: Output.line).load()
        let after = try store.reader.counts()
        if before == after {
            Output.line("Déjà chargées : rien n'a changé.")
        } else {
            Output.line("Chargées : \(after.entries - before.entries) écritures, \(after.donors - before.donors) donateurs, \(after.milestones - before.milestones) étapes ajoutés.")
        }
    }
}
