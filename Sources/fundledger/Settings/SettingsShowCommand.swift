import ArgumentParser
import Ledger

struct SettingsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the organisation's settings.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let settings = try connection.reader().organisationSettings()
        for key in SettingKey.allCases { Output.line(Self.describe(settings, key)) }
    }

    /// "Organisation : Cités Unies France", "Logo : SVG, 2 Kio", "SIREN : non renseigné".
    static func describe(_ settings: OrganisationSettings, _ key: SettingKey) -> String {
        let unset = "non renseigné"
        return switch key {
        case .organisation: "Organisation\u{00A0}: \(settings.name ?? unset)"
        case .siren: "SIREN\u{00A0}: \(settings.siren ?? unset)"
        case .logo: "Logo\u{00A0}: " + (settings.logo.map {
            "\($0.fileExtension.uppercased()), \(max(1, ($0.bytes.count + 1023) / 1024)) Kio"
        } ?? unset)
        }
    }
}
