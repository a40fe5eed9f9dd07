import ArgumentParser
import Ledger
import Reports

struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List tokens, live and revoked (never their secret).")

    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let tokens = try APITokenStore(connection: try connection.connect(), actor: ConnectionOptions.actor).list()
        format.print(Table(
            columns: [.init("id", "N°", alignment: .right), .init("name", "Nom"), .init("role", "Rôle"),
                      .init("created_at", "Créé le (UTC)"), .init("created_by", "Créé par"),
                      .init("revoked_at", "Révoqué le (UTC)")],
            rows: tokens.map { token in
                [.integer(token.id), .text(token.name), .text(token.role.rawValue), .text(token.createdAt),
                 .text(token.createdBy), .text(token.revokedAt)]
            }))
    }
}
