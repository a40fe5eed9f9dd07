import ArgumentParser

struct EntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry",
        abstract: "Correct journal entries (by reversal: nothing is ever erased) and validate them.",
        subcommands: [EntryReverseCommand.self, EntryValidateCommand.self],
        aliases: ["entries"])
}
