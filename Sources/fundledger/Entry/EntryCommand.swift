import ArgumentParser

struct EntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry",
        abstract: "Correct journal entries (by reversal: nothing is ever erased).",
        subcommands: [EntryReverseCommand.self])
}
