import Postgres

/// A collectivité's intention to give, before any vote: kept and thanked, never posted. Its
/// délibération (`confirmPledgeIntent`) makes it a `Pledge`, posted 4417/74; `pledgeID` then
/// says which.
public struct PledgeIntent: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var donor: String
    public var fund: String
    public var amount: Money
    public var announcedOn: CalendarDate
    public var note: String?
    /// The pledge it became once voted; nil while it is an intention.
    public var pledgeID: Int64?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, donor, fund, amount = "amount_cents", announcedOn = "announced_on", note, pledgeID = "pledge_id"
    }

    /// Reads a row of `PledgeIntent.listing`.
    init(row: PostgresRow) throws {
        id = try row.decode("id")
        donor = try row.decode("donor")
        fund = try row.decode("fund")
        amount = try row.money("amount")
        announcedOn = try row.decode("announced_on")
        note = try row.decode("note")
        pledgeID = try row.decode("pledge_id")
    }

    /// The columns `init(row:)` reads, from `pledge_intents i`.
    static let listing = """
        SELECT i.id, d.name AS donor, f.code AS fund, i.amount, i.announced_on, i.note, i.pledge_id
          FROM pledge_intents i JOIN donors d ON d.id = i.donor_id JOIN funds f ON f.id = i.fund_id
        """
}
