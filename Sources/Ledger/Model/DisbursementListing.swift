import Postgres

/// A payment to a partner with its fund's code, as listings show it. In JSON one flat object:
/// the payment's keys beside `fund_code`.
@dynamicMemberLookup
public struct DisbursementListing: Sendable, Codable, Equatable, RowDecodable {
    public var disbursement: Disbursement
    public var fundCode: String

    public subscript<T>(dynamicMember keyPath: KeyPath<Disbursement, T>) -> T { disbursement[keyPath: keyPath] }

    init(row: PostgresRow) throws {
        disbursement = try Disbursement(row: row)
        fundCode = try row.decode("fund_code")
    }

    enum CodingKeys: String, CodingKey {
        case fundCode = "fund_code"
    }

    public init(from decoder: any Decoder) throws {
        disbursement = try Disbursement(from: decoder)
        fundCode = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .fundCode)
    }

    public func encode(to encoder: any Encoder) throws {
        try disbursement.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fundCode, forKey: .fundCode)
    }
}
