import Postgres

/// A project with its fund's code and its partner's name, as listings show it.
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
}
