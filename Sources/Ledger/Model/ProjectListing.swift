import Postgres

/// A project with its fund's code and its partner's name, as listings show it. In JSON one flat
/// object: the project's keys beside `fund_code` and `partner`.
@dynamicMemberLookup
public struct ProjectListing: Sendable, Codable, Equatable, RowDecodable {
    public var project: Project
    public var fundCode: String
    public var partner: String

    public subscript<T>(dynamicMember keyPath: KeyPath<Project, T>) -> T { project[keyPath: keyPath] }

    init(row: PostgresRow) throws {
        project = try Project(row: row)
        fundCode = try row.decode("fund_code")
        partner = try row.decode("partner")
    }

    enum CodingKeys: String, CodingKey {
        case fundCode = "fund_code", partner
    }

    public init(from decoder: any Decoder) throws {
        project = try Project(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fundCode = try container.decode(String.self, forKey: .fundCode)
        partner = try container.decode(String.self, forKey: .partner)
    }

    public func encode(to encoder: any Encoder) throws {
        try project.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fundCode, forKey: .fundCode)
        try container.encode(partner, forKey: .partner)
    }
}
