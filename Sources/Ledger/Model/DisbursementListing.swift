import Postgres

/// A payment to a partner with its fund's code, as listings show it.
@dynamicMemberLookup
public struct DisbursementListing: Sendable, Codable, Equatable, RowDecodable {
    public var disbursement: Disbursement
    public var fundCode: String

    public subscript<T>(dynamicMember keyPath: KeyPath<Disbursement, T>) -> T { disbursement[keyPath: keyPath] }

    init(row: PostgresRow) throws {
        disbursement = try Disbursement(row: row)
        fundCode = try row.decode("fund_code")
    }
}
