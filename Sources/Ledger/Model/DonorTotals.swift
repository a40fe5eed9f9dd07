import Postgres

/// What one collectivité pledged to and gave one fund.
public struct DonorTotals: Sendable, Codable, Equatable, RowDecodable {
    public var fund: String
    public var donor: String
    public var donorKind: Donor.Kind
    public var pledged: Money
    public var received: Money
    public var outstanding: Money
    public var writtenOff: Money
    public var lastReceivedOn: CalendarDate?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case fund, donor, donorKind = "donor_kind", pledged = "pledged_cents", received = "received_cents"
        case outstanding = "outstanding_cents", writtenOff = "written_off_cents"
        case lastReceivedOn = "last_received_on"
    }

    init(row: PostgresRow) throws {
        fund = try row.decode("fund")
        donor = try row.decode("donor")
        donorKind = try row.decode("donor_kind")
        pledged = try row.money("pledged")
        received = try row.money("received")
        outstanding = try row.money("outstanding")
        writtenOff = try row.money("written_off")
        lastReceivedOn = try row.decode("last_received_on")
    }
}
