import Ledger
import Postgres

/// Reads a `MilestoneReport`: milestones and projects by their own rows; tranches paid from the
/// milestone's postings through the partial index `posting_milestone`; a project's paid from the
/// bank postings of its disbursements' entries and of the entries reversing them.
public struct MilestoneReportQuery {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Parameters: $1 as-of day, $2 fund id or NULL.
    public static let sql = """
        SELECT f.code AS fund, f.name AS fund_name, p.id AS project_id, p.title AS project, pa.name AS partner,
               p.budget, m.id AS milestone_id, m.title, m.due_on, m.achieved_on, m.tranche,
               milestone_paid(m.id, $1::date) AS paid,
               (SELECT coalesce(-sum(po.amount), 0)::bigint
                  FROM disbursements d
                  JOIN journal_entries e ON (e.id = d.entry_id OR e.reverses_entry_id = d.entry_id)
                                        AND e.value_date <= $1::date
                  JOIN postings po ON po.entry_id = e.id
                  JOIN accounts a ON a.id = po.account_id AND a.number = '512000'
                 WHERE d.project_id = p.id) AS project_paid
          FROM projects p
          JOIN funds f ON f.id = p.fund_id
          JOIN partners pa ON pa.id = p.partner_id
          LEFT JOIN milestones m ON m.project_id = p.id
         WHERE $2::bigint IS NULL OR p.fund_id = $2::bigint
         ORDER BY f.code, p.id, m.due_on, m.id
        """

    public func report(asOf: CalendarDate, fund: String? = nil) throws -> MilestoneReport {
        let fundRecord = try fund.map { try LedgerReader(connection: connection).fund(code: $0) }
        var funds: [MilestoneReport.FundSection] = []
        for row in try connection.query(PostgresQuery(sql: Self.sql, binds: [asOf, fundRecord?.id])) {
            let code: String = try row.decode("fund")
            if funds.last?.code != code {
                funds.append(.init(code: code, name: try row.decode("fund_name"), projects: []))
            }
            let projectID: Int64 = try row.decode("project_id")
            if funds[funds.count - 1].projects.last?.id != projectID {
                funds[funds.count - 1].projects.append(.init(
                    id: projectID, title: try row.decode("project"), partner: try row.decode("partner"),
                    budget: try row.decode("budget", as: Int64?.self).map(Money.init(cents:)),
                    paid: try row.money("project_paid"), milestones: []))
            }
            guard let milestoneID = try row.decode("milestone_id", as: Int64?.self) else { continue }
            let dueOn: CalendarDate = try row.decode("due_on")
            let achieved = try row.decode("achieved_on", as: CalendarDate?.self).flatMap { $0 <= asOf ? $0 : nil }
            let status: MilestoneReport.Status
            let daysLate: Int?
            if let achieved {
                status = .achieved
                daysLate = achieved > dueOn ? achieved.daysSinceEpoch - dueOn.daysSinceEpoch : nil
            } else if MilestoneLateness.isLate(dueOn: dueOn, achievedOn: achieved, atCloseOf: asOf) {
                status = .late
                daysLate = MilestoneLateness.daysLate(dueOn: dueOn, atCloseOf: asOf)
            } else {
                status = .planned
                daysLate = nil
            }
            let line = MilestoneReport.Line(
                milestoneID: milestoneID, title: try row.decode("title"), dueOn: dueOn, achievedOn: achieved,
                status: status, tranche: try row.decode("tranche", as: Int64?.self).map(Money.init(cents:)),
                paid: try row.money("paid"), daysLate: daysLate)
            let last = funds[funds.count - 1].projects.count - 1
            funds[funds.count - 1].projects[last].milestones.append(line)
        }
        return MilestoneReport(asOf: asOf, fundFilter: fundRecord?.code, funds: funds)
    }
}
