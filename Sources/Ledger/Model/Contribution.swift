import Postgres

/// Money a collectivité actually transferred to a fund, with what it paid of its pledges.
public struct Contribution: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var donor: String
    public var fund: String
    /// The first pledge the money was applied to; nil for a gift without pledge.
    public var pledgeID: Int64?
    public var amount: Money
    /// The part that paid open pledges; the rest is a gift above (or without) a pledge.
    public var appliedToPledges: Money
    public var receivedOn: CalendarDate
    public var reference: String?
    public var entryID: Int64
    /// Set when the contribution was corrected by a reversal entry.
    public var reversedByEntryID: Int64?

    /// The part above what pledges expected.
    public var abovePledges: Money { amount - appliedToPledges }

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, donor, fund, pledgeID = "pledge_id", amount = "amount_cents"
        case appliedToPledges = "applied_to_pledges_cents", receivedOn = "received_on", reference
        case entryID = "entry_id", reversedByEntryID = "reversed_by_entry_id"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        donor = try row.decode("donor")
        fund = try row.decode("fund")
        pledgeID = try row.decode("pledge_id")
        amount = try row.money("amount")
        appliedToPledges = try row.money("applied_to_pledges")
        receivedOn = try row.decode("received_on")
        reference = try row.decode("reference")
        entryID = try row.decode("entry_id")
        reversedByEntryID = try row.decode("reversed_by_entry_id")
    }
}
