import ArgumentParser

struct ContributionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribution",
        abstract: "Record and list contributions: money a collectivité actually transferred.",
        subcommands: [ContributionAddCommand.self, ContributionListCommand.self])
}
