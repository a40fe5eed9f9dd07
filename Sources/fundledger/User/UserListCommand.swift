import ArgumentParser
import Ledger
import Reports

struct UserListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List staff users, enabled and disabled (never their password).")

    @OptionGroup var format: FormatOption
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let users = try StaffUserStore(connection: try connection.connect(), actor: ConnectionOptions.actor).list()
        format.print(Table(
            columns: [.init("id", "N°", alignment: .right), .init("email", "Adresse"), .init("role", "Rôle"),
                      .init("created_at", "Créé le (UTC)"), .init("created_by", "Créé par"),
                      .init("disabled_at", "Désactivé le (UTC)"), .init("locked_until", "Verrouillé jusqu'à (UTC)")],
            rows: users.map { user in
                [.integer(user.id), .text(user.email), .text(user.role.rawValue), .text(user.createdAt),
                 .text(user.createdBy), .text(user.disabledAt), .text(user.lockedUntil)]
            }))
    }
}
