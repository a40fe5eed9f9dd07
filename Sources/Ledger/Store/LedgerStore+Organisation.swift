import Foundation
import Postgres

// The organisation's settings and the projects' words: what the newsletter report prints
// besides the money.
extension LedgerStore {
    /// A setting the reports print, by the name staff type (`fundledger settings set KEY VALUE`).
    public enum OrganisationSetting: String, Sendable, CaseIterable {
        /// The organisation's name, at the top of the newsletter report.
        case organisation
        /// Its SIREN: nine digits, checked with their Luhn key.
        case siren
    }

    /// Sets (or, with nil, clears) one of the organisation's settings.
    public func setOrganisation(_ setting: OrganisationSetting, to value: String?) throws -> OrganisationSettings {
        let value = switch setting {
        case .organisation: try NameInput.text(value, field: "organisation")
        case .siren: try NameInput.text(value.map { $0.filter { !$0.isWhitespace } }, field: "siren")
        }
        return try write(PostgresQuery(
            sql: "WITH s AS (SELECT * FROM set_organisation_setting($1, $2, $3)) SELECT \(OrganisationSettings.columns) FROM s",
            binds: [setting.rawValue, value, actor]))
    }

    /// Sets (or, with nil, removes) the organisation's logo: a PNG, JPEG or SVG of at most 256 KiB,
    /// its type read from its bytes by `set_organisation_logo`.
    public func setOrganisationLogo(_ image: Data?) throws -> OrganisationSettings {
        let hex = image.map { $0.map { String(format: "%02x", $0) }.joined() }
        return try write(PostgresQuery(
            sql: "WITH s AS (SELECT * FROM set_organisation_logo(decode($1, 'hex'), $2)) SELECT \(OrganisationSettings.columns) FROM s",
            binds: [hex, actor]))
    }

    /// Keeps what a project is for and whom it reaches (nil clears), for the report's narrative.
    public func describeProject(_ project: Int64, description: String?, beneficiaries: String?) throws -> Project {
        let description = try NameInput.text(description, field: "description")
        let beneficiaries = try NameInput.text(beneficiaries, field: "beneficiaries")
        return try write("SELECT * FROM describe_project(\(project), \(description), \(beneficiaries), \(actor))")
    }
}
