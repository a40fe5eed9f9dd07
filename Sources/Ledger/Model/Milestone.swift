import Postgres

/// A step of a project, due on a date, possibly releasing a tranche when achieved.
public struct Milestone: Sendable, Codable, Equatable, RowDecodable {
    public var id: Int64
    public var projectID: Int64
    public var title: String
    public var dueOn: CalendarDate
    public var tranche: Money?
    public var achievedOn: CalendarDate?

    /// JSON keys, snake_case, amounts as `…_cents` (the ledger's JSON policy, see `LedgerJSON`).
    enum CodingKeys: String, CodingKey {
        case id, projectID = "project_id", title, dueOn = "due_on", tranche = "tranche_cents"
        case achievedOn = "achieved_on"
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        projectID = try row.decode("project_id")
        title = try row.decode("title")
        dueOn = try row.decode("due_on")
        tranche = try row.optionalMoney("tranche")
        achievedOn = try row.decode("achieved_on")
    }
}
