import ArgumentParser

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "The organisation's settings the reports print: its name, its logo, its SIREN.",
        subcommands: [SettingsShowCommand.self, SettingsSetCommand.self, SettingsClearCommand.self])
}

/// A setting as staff name it on the command line.
enum SettingKey: String, CaseIterable, ExpressibleByArgument {
    /// The organisation's name, printed at the top of the newsletter report.
    case organisation
    /// A PNG, JPEG or SVG file (256 KiB at most), printed beside the name.
    case logo
    /// Nine digits, checked with their Luhn key.
    case siren
}
