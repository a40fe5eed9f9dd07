import Postgres

/// A project a fund finances through a partner, paid in tranches against milestones.
public struct Project: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var fundID: Int64
    public var partnerID: Int64
    public var title: String
    public var budget: Money?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, fundID = "fund_id", partnerID = "partner_id", title, budget = "budget_cents"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        fundID = try row.decode("fund_id")
        partnerID = try row.decode("partner_id")
        title = try row.decode("title")
        budget = try row.optionalMoney("budget")
    }
}
