import ArgumentParser

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the staff users of the web screens (/app of `fundledger serve`).",
        subcommands: [UserAddCommand.self, UserListCommand.self, UserDisableCommand.self])
}
