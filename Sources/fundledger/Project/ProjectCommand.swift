import ArgumentParser

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Add and list the projects a fund finances through a partner.",
        subcommands: [ProjectAddCommand.self, ProjectListCommand.self, ProjectDescribeCommand.self])
}
