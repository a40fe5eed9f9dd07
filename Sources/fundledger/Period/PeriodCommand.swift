import ArgumentParser

struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period",
        abstract: "Close the books through a day, and show how far they are closed.",
        subcommands: [PeriodCloseCommand.self, PeriodShowCommand.self])
}
