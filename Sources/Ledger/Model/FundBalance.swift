import Postgres

/// A fund's figures from its cached account balances: received, disbursed, available, outstanding.
public struct FundBalance: Sendable, Codable, Equatable, RowDecodable {
    public var code: String
    public var name: String
    public var status: Fund.Status
    /// Money in the fund's bank account (512): received − disbursed. Never negative.
    public var available: Money
    /// Paid to partners (657).
    public var disbursed: Money
    /// Pledged and not yet received nor written off (441).
    public var outstandingPledges: Money
    /// Given to other funds' purposes with the donors' agreement (6581), and received from
    /// other funds that way (7581).
    public var reallocatedOut: Money
    public var reallocatedIn: Money
    /// Given back to the donors, pro rata of their gifts (6582).
    public var refunded: Money

    /// Everything received from donors, net of reversals: what the fund holds and everything
    /// that left it, less what came from other funds.
    public var received: Money { available + disbursed + reallocatedOut + refunded - reallocatedIn }

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case code, name, status, available = "available_cents", disbursed = "disbursed_cents"
        case outstandingPledges = "outstanding_pledges_cents"
        case reallocatedOut = "reallocated_out_cents", reallocatedIn = "reallocated_in_cents", refunded = "refunded_cents"
    }

    init(row: PostgresRow) throws {
        code = try row.decode("code")
        name = try row.decode("name")
        status = try row.decode("status")
        available = try row.money("available")
        disbursed = try row.money("disbursed")
        outstandingPledges = try row.money("outstanding_pledges")
        reallocatedOut = try row.money("reallocated_out")
        reallocatedIn = try row.money("reallocated_in")
        refunded = try row.money("refunded")
    }
}
