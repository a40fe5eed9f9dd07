import ArgumentParser

struct DonorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donor",
        abstract: "Register, list and show donor collectivités.",
        subcommands: [DonorAddCommand.self, DonorListCommand.self, DonorShowCommand.self])
}
