import Postgres

/// A tranche the fund paid to a partner for a project (and possibly a milestone).
public struct Disbursement: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var fundID: Int64
    public var projectID: Int64
    public var milestoneID: Int64?
    public var amount: Money
    public var paidOn: CalendarDate
    public var reference: String?
    public var entryID: Int64
    /// Set when the payment was corrected by a reversal entry (known in listings only).
    public var reversedByEntryID: Int64?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, fundID = "fund_id", projectID = "project_id", milestoneID = "milestone_id"
        case amount = "amount_cents", paidOn = "paid_on", reference, entryID = "entry_id"
        case reversedByEntryID = "reversed_by_entry_id"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        fundID = try row.decode("fund_id")
        projectID = try row.decode("project_id")
        milestoneID = try row.decode("milestone_id")
        amount = try row.money("amount")
        paidOn = try row.decode("paid_on")
        reference = try row.decode("reference")
        entryID = try row.decode("entry_id")
        // Present in listings, absent from the row the recording function returns.
        reversedByEntryID = row.columns.names.contains("reversed_by_entry_id")
            ? try row.decode("reversed_by_entry_id") : nil
    }
}
