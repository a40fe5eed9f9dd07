import Postgres

/// A collectivité's promise to give (usually a council délibération): not money yet.
public struct Pledge: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var donorID: Int64
    public var fundID: Int64
    public var amount: Money
    public var pledgedOn: CalendarDate
    public var reference: String?
    public var entryID: Int64

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, donorID = "donor_id", fundID = "fund_id", amount = "amount_cents", pledgedOn = "pledged_on"
        case reference, entryID = "entry_id"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        donorID = try row.decode("donor_id")
        fundID = try row.decode("fund_id")
        amount = try row.money("amount")
        pledgedOn = try row.decode("pledged_on")
        reference = try row.decode("reference")
        entryID = try row.decode("entry_id")
    }
}
