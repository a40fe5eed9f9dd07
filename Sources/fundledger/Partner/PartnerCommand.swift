import ArgumentParser

struct PartnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Register and list partners on the ground (NGOs, municipalities).",
        subcommands: [PartnerAddCommand.self, PartnerListCommand.self])
}
