import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import bank receipts from a file, all or nothing.",
        subcommands: [ImportContributionsCommand.self])
}
