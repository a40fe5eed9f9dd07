import Postgres

/// A pledge with what it has brought: outstanding = pledged − received − written off.
public struct PledgeStatus: Sendable, Codable, Equatable, RowDecodable {
    public enum State: String, Sendable, Codable, PostgresDecodable { case open, fulfilled, written_off, cancelled }

    public var id: Int64
    public var donor: String
    public var fund: String
    public var pledged: Money
    public var received: Money
    public var writtenOff: Money
    public var outstanding: Money
    public var state: State
    public var pledgedOn: CalendarDate
    public var reference: String?
    public var entryID: Int64

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, donor, fund, pledged = "pledged_cents", received = "received_cents"
        case writtenOff = "written_off_cents", outstanding = "outstanding_cents", state
        case pledgedOn = "pledged_on", reference, entryID = "entry_id"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        donor = try row.decode("donor")
        fund = try row.decode("fund")
        pledged = try row.money("pledged")
        received = try row.money("received")
        writtenOff = try row.money("written_off")
        outstanding = try row.money("outstanding")
        state = try row.decode("status")
        pledgedOn = try row.decode("pledged_on")
        reference = try row.decode("reference")
        entryID = try row.decode("entry_id")
    }
}
