import ArgumentParser
import Ledger

struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a token by its name: it opens nothing from then on.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "name")) var name: String
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let token = try APITokenStore(connection: try connection.connect(), actor: ConnectionOptions.actor)
            .revoke(name: name)
        Output.line("Jeton « \(token.name) » révoqué.")
    }
}
