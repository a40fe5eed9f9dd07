import Postgres

/// One line of a journal entry: an amount on an account (debit positive, credit negative),
/// with the account's number and label, and the donor, project, pledge or milestone it concerns.
public struct EntryPosting: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    /// The chart's account number (`441700`).
    public var account: String
    public var accountLabel: String
    public var donorID: Int64?
    public var projectID: Int64?
    /// Debit positive, credit negative.
    public var amount: Money
    public var pledgeID: Int64?
    public var milestoneID: Int64?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, account, accountLabel = "account_label", donorID = "donor_id", projectID = "project_id"
        case amount = "amount_cents", pledgeID = "pledge_id", milestoneID = "milestone_id"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        account = try row.decode("account")
        accountLabel = try row.decode("account_label")
        donorID = try row.decode("donor_id")
        projectID = try row.decode("project_id")
        amount = try row.money("amount")
        pledgeID = try row.decode("pledge_id")
        milestoneID = try row.decode("milestone_id")
    }
}
