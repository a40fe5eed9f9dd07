import Foundation
import Postgres

/// The organisation that publishes the reports, set once (`fundledger settings set …`): the name
/// printed at the top of the newsletter report, its logo, its SIREN.
public struct OrganisationSettings: Sendable, Equatable, RowDecodable {
    /// The logo as stored: the image's bytes and the type read from them.
    public struct Logo: Sendable, Equatable {
        public var bytes: Data
        /// `image/png`, `image/jpeg` or `image/svg+xml`.
        public var mediaType: String

        /// `data:image/png;base64,…`, for an `<img>` (where an SVG runs no script).
        public var dataURI: String { "data:\(mediaType);base64,\(bytes.base64EncodedString())" }

        /// `png`, `jpg` or `svg`: the extension of a file holding it.
        public var fileExtension: String {
            switch mediaType {
            case "image/png": "png"
            case "image/jpeg": "jpg"
            default: "svg"
            }
        }
    }

    public var name: String?
    public var siren: String?
    public var logo: Logo?

    /// No settings yet.
    public static let none = OrganisationSettings(name: nil, siren: nil, logo: nil)

    public init(name: String?, siren: String?, logo: Logo?) {
        self.name = name
        self.siren = siren
        self.logo = logo
    }

    /// Reads a row of `organisation_settings` with the logo as base64 (`logo_base64`).
    init(row: PostgresRow) throws {
        name = try row.decode("name")
        siren = try row.decode("siren")
        let base64: String? = try row.decode("logo_base64")
        let mediaType: String? = try row.decode("logo_type")
        if let base64, let mediaType, let bytes = Data(base64Encoded: base64) {
            logo = Logo(bytes: bytes, mediaType: mediaType)
        } else {
            logo = nil
        }
    }

    /// The columns `init(row:)` reads, from `organisation_settings s`.
    static let columns = "s.name, s.siren, s.logo_type, translate(encode(s.logo, 'base64'), E'\\n', '') AS logo_base64"
}
