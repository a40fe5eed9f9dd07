import Postgres

/// Money that left a fund to settle it before it closes (sql/functions/reallocate_fund.sql,
/// refund_fund.sql): given to another fund's purpose with the donors' agreement, or given back to
/// the donors pro rata of their gifts. Each is a journal entry (two for a reallocation: one in
/// each fund), seen in every report.
public struct FundSettlement: Sendable, Codable, Equatable, RowDecodable {
    public enum Kind: String, Sendable, Codable, PostgresDecodable {
        case reallocation, refund
    }

    /// A donor's part of a refund.
    public struct Share: Sendable, Codable, Equatable {
        public var donor: String
        /// What the donor gave the fund (contributions not reversed), the basis of the share.
        public var gave: Money
        public var refunded: Money

        enum CodingKeys: String, CodingKey {
            case donor, gave = "gave_cents", refunded = "refunded_cents"
        }
    }

    public var id: Int64
    public var kind: Kind
    public var fund: String
    /// The fund that received a reallocation; nil for a refund.
    public var targetFund: String?
    public var amount: Money
    public var settledOn: CalendarDate
    /// The donors' agreement (a reallocation) or the decision (a refund): reference and date.
    public var reference: String
    public var agreedOn: CalendarDate
    /// The entry in the fund given up, and for a reallocation the one in the fund receiving.
    public var outEntryID: Int64
    public var inEntryID: Int64?
    /// A refund's shares, per donor (empty for a reallocation).
    public var shares: [Share] = []

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, kind, fund, targetFund = "target_fund", amount = "amount_cents", settledOn = "settled_on"
        case reference, agreedOn = "agreed_on", outEntryID = "out_entry_id", inEntryID = "in_entry_id", shares
    }

    /// Reads a row of `FundSettlement.listing`.
    init(row: PostgresRow) throws {
        id = try row.decode("id")
        kind = try row.decode("kind")
        fund = try row.decode("fund")
        targetFund = try row.decode("target_fund")
        amount = try row.money("amount")
        settledOn = try row.decode("settled_on")
        reference = try row.decode("reference")
        agreedOn = try row.decode("agreed_on")
        outEntryID = try row.decode("out_entry_id")
        inEntryID = try row.decode("in_entry_id")
    }

    /// The columns `init(row:)` reads, from `fund_settlements s`.
    static let listing = """
        SELECT s.id, s.kind, f.code AS fund, t.code AS target_fund, s.amount, s.settled_on, s.reference,
               s.agreed_on, s.out_entry_id, s.in_entry_id
          FROM fund_settlements s JOIN funds f ON f.id = s.fund_id LEFT JOIN funds t ON t.id = s.target_fund_id
        """
}
