import ArgumentParser
import Foundation
import Ledger

struct SettingsSetCommand: ParsableCommand, LedgerFieldNaming {
    static let ledgerFields = ["organisation": "VALUE", "siren": "VALUE", "logo": "VALUE", "key": "KEY"]

    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set one of the organisation's settings.",
        discussion: """
            Examples:
              fundledger settings set organisation "Cités Unies France"
              fundledger settings set logo docs/images/logo.svg     (PNG, JPEG or SVG, 256 Kio au plus)
              fundledger settings set siren 775663438
            """)

    @Argument(help: ArgumentHelp("organisation, logo or siren.", valueName: "KEY")) var key: SettingKey
    @Argument(help: ArgumentHelp("The value; for logo, the image file's path.", valueName: "VALUE")) var value: String
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let store = try connection.store()
        let settings: OrganisationSettings
        switch key {
        case .organisation: settings = try store.setOrganisation(.organisation, to: value)
        case .siren: settings = try store.setOrganisation(.siren, to: value)
        case .logo:
            let image: Data
            do {
                image = try Data(contentsOf: URL(fileURLWithPath: value))
            } catch {
                throw CLIError("logo\u{00A0}: impossible de lire « \(value) »\u{00A0}: \((error as NSError).localizedDescription)")
            }
            settings = try store.setOrganisationLogo(image)
        }
        Output.line(SettingsShowCommand.describe(settings, key))
    }
}

struct SettingsClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear", abstract: "Clear one of the organisation's settings.")

    @Argument(help: ArgumentHelp("organisation, logo or siren.", valueName: "KEY")) var key: SettingKey
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let store = try connection.store()
        let settings = switch key {
        case .organisation: try store.setOrganisation(.organisation, to: nil)
        case .siren: try store.setOrganisation(.siren, to: nil)
        case .logo: try store.setOrganisationLogo(nil)
        }
        Output.line(SettingsShowCommand.describe(settings, key))
    }
}
