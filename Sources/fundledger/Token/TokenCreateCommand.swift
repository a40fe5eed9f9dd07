import ArgumentParser
import FundLedgerAPI
import Ledger

struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a token and print it, once, alone on the last line.",
        discussion: """
            reader reads everything; clerk also records pledges, contributions, disbursements, \
            milestones and imports; admin also manages funds, tokens and reversals. Only a digest \
            of the token is stored: keep it now, it cannot be shown again (revoke and create \
            another if it is lost). Entries written with it record api:<name>.
            """)

    @Option(help: "A name saying whose or what tool's token it is, e.g. \"compta\".") var name: String
    @Option(help: ArgumentHelp("reader, clerk or admin.", valueName: "role")) var role: APITokenRoleArgument
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let issued = TokenIssuer.issue()
        let token = try APITokenStore(connection: try connection.connect(), actor: ConnectionOptions.actor)
            .create(name: name, role: role.role, lookup: issued.lookup, secretSHA256: issued.secretSHA256)
        Output.line("Jeton « \(token.name) » créé (rôle \(token.role.rawValue)). Il ne sera plus affiché :")
        Output.line(issued.token)
    }
}

/// `--role reader|clerk|admin`.
struct APITokenRoleArgument: RawRepresentable, Sendable {
    var role: APIToken.Role
    init?(rawValue: String) {
        guard let role = APIToken.Role(rawValue: rawValue) else { return nil }
        self.role = role
    }
    var rawValue: String { role.rawValue }
    static var allValueStrings: [String] { APIToken.Role.allCases.map(\.rawValue) }
}
