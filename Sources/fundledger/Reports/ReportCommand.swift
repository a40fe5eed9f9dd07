import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Published reports: the quarterly fund report, the milestone report.",
        subcommands: [ReportQuarterlyCommand.self, ReportMilestonesCommand.self])
}
