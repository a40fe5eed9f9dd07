import ArgumentParser
import Postgres
import Ledger

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema (safe to run again).")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let database = try connection.connect()
        // The schema's IF NOT EXISTS notices are not news for the person running this.
        try database.query("SET client_min_messages TO warning")
        let applied = try Migrator(connection: database).migrate()
        if applied.isEmpty {
            Output.line("already up to date")
        } else {
            for name in applied { Output.line("applied \(name)") }
        }
    }
}
