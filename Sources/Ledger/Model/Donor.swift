import Postgres

/// A collectivité that pledges or gives to funds. Unique by name, ignoring case, accents and punctuation.
public struct Donor: Sendable, Codable, Equatable, RowDecodable {
    public enum Kind: String, Sendable, Codable, CaseIterable, PostgresDecodable {
        case commune, departement, region, intercommunalite, autre
    }

    public var id: Int64
    public var name: String
    public var kind: Kind
    public var siren: String?

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        kind = try row.decode("kind")
        siren = try row.decode("siren")
    }
}
