import ArgumentParser
import FundLedgerWeb
import Ledger

struct UserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a staff user of the web screens.",
        discussion: """
            The password is asked twice, without echo, on a terminal; otherwise it is read from \
            the first line of standard input (e.g. from a secrets file). At least \
            \(StaffPassword.minimumLength) characters. Only a bcrypt hash is stored. Roles are the \
            API's: reader reads everything; clerk also records; admin also manages. Entries \
            recorded from the screens record web:<email>.
            """)

    @Option(help: "The user's e-mail address, used to sign in.") var email: String
    @Option(help: ArgumentHelp("reader, clerk or admin.", valueName: "role")) var role: APITokenRoleArgument
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let password = try PasswordPrompt.read()
        if let refusal = StaffPassword.refusal(password) { throw CLIError(refusal, exitCode: 65) }
        let hash = StaffPassword.hashNow(password)
        let user = try StaffUserStore(connection: try connection.connect(), actor: ConnectionOptions.actor)
            .add(email: email, role: role.role, passwordHash: hash)
        Output.line("Utilisateur « \(user.email) » ajouté (rôle \(user.role.rawValue)).")
    }
}
