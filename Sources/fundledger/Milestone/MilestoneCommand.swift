import ArgumentParser

struct MilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: "Add, achieve and list project milestones.",
        subcommands: [MilestoneAddCommand.self, MilestoneAchieveCommand.self, MilestoneListCommand.self])
}
