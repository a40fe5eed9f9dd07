import Postgres

/// A solidarity fund (Gaza, Turquie…): money given for it may only be spent on its projects.
public struct Fund: Sendable, Codable, Equatable, RowDecodable {
    /// `open` takes pledges and contributions; `closing` takes no new pledges; `closed` takes nothing.
    public enum Status: String, Sendable, Codable, CaseIterable, PostgresDecodable { case open, closing, closed }

    public var id: Int64
    public var code: String
    public var name: String
    /// Who the thanks paragraph says the solidarity went to, e.g. "la population gazaouie".
    public var audience: String?
    public var status: Status
    public var openedOn: CalendarDate
    public var closedOn: CalendarDate?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, code, name, audience, status, openedOn = "opened_on", closedOn = "closed_on"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        code = try row.decode("code")
        name = try row.decode("name")
        audience = try row.decode("audience")
        status = try row.decode("status")
        openedOn = try row.decode("opened_on")
        closedOn = try row.decode("closed_on")
    }
}
