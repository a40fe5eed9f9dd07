import ArgumentParser
import Ledger
import Postgres

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
        let before = try fingerprint(store.connection)
        try DemoDataset(store: store, log: Output.line).load()
        let after = try fingerprint(store.connection)
        if before == after {
            Output.line("Déjà chargées : rien n'a changé.")
        } else {
            Output.line("Chargées : \(after.entries - before.entries) écritures, \(after.donors - before.donors) donateurs, \(after.milestones - before.milestones) étapes ajoutés.")
        }
    }

    struct Fingerprint: Equatable {
        var entries, donors, partners, projects, milestones, achieved, funds, statuses: Int64
    }

    private func fingerprint(_ connection: PostgresConnection) throws -> Fingerprint {
        let row = try connection.query("""
            SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM donors) AS donors,
                   (SELECT count(*) FROM partners) AS partners, (SELECT count(*) FROM projects) AS projects,
                   (SELECT count(*) FROM milestones) AS milestones,
                   (SELECT count(*) FROM milestones WHERE achieved_on IS NOT NULL) AS achieved,
                   (SELECT count(*) FROM funds) AS funds,
                   (SELECT count(*) FROM funds WHERE status <> 'open') AS statuses
            """).single()
        return Fingerprint(entries: try row.decode("entries"), donors: try row.decode("donors"),
                           partners: try row.decode("partners"), projects: try row.decode("projects"),
                           milestones: try row.decode("milestones"), achieved: try row.decode("achieved"),
                           funds: try row.decode("funds"), statuses: try row.decode("statuses"))
    }
}
