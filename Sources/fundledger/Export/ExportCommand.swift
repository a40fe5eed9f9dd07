import ArgumentParser

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Files for other software: the FEC for the accountant.",
        subcommands: [ExportFECCommand.self])
}
