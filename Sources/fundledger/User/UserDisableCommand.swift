import ArgumentParser
import Ledger

struct UserDisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable a staff user: no sign-in from then on, and every open session ends now.")

    @Option(help: "The user's e-mail address.") var email: String
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let user = try StaffUserStore(connection: try connection.connect(), actor: ConnectionOptions.actor)
            .disable(email: email)
        Output.line("Utilisateur « \(user.email) » désactivé ; ses sessions sont fermées.")
    }
}
