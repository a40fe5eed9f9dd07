import Postgres

/// An organisation on the ground that runs a fund's projects (Super Novae, the municipality of Besni…).
public struct Partner: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var name: String
    /// ISO 3166 two-letter code.
    public var country: String?

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        country = try row.decode("country")
    }
}
