import Postgres

/// How big the ledger is: rows of each kind, e.g. to say what a load added.
public struct LedgerCounts: Sendable, Codable, Equatable, RowDecodable {
    public var entries: Int64
    public var accounts: Int64
    public var funds: Int64
    /// Funds closing or closed.
    public var fundsNotOpen: Int64
    public var donors: Int64
    public var partners: Int64
    public var projects: Int64
    public var milestones: Int64
    public var milestonesAchieved: Int64

    init(row: PostgresRow) throws {
        entries = try row.decode("entries")
        accounts = try row.decode("accounts")
        funds = try row.decode("funds")
        fundsNotOpen = try row.decode("funds_not_open")
        donors = try row.decode("donors")
        partners = try row.decode("partners")
        projects = try row.decode("projects")
        milestones = try row.decode("milestones")
        milestonesAchieved = try row.decode("milestones_achieved")
    }
}
