import Ledger
import Postgres

// Milestones of the quarterly report.
extension QuarterlyReportQuery {
    /// Milestones achieved in the quarter, due in the next, due by its end and not achieved,
    /// achieved by its end with their tranche not all paid, or paid before they were achieved; with
    /// the tranche paid (net of reversals) up to the end of the quarter.
    /// Parameters: $1 start, $2 end, $3 next quarter's end, $4 fund id or NULL.
    public static let milestonesSQL = """
        SELECT f.code AS fund, p.id AS project_id, p.title AS project, pa.name AS partner,
               m.id, m.title, m.due_on, m.achieved_on, m.tranche,
               milestone_paid(m.id, $2::date) AS paid
          FROM milestones m
          JOIN projects p ON p.id = m.project_id
          JOIN partners pa ON pa.id = p.partner_id
          JOIN funds f ON f.id = p.fund_id
         WHERE ($4::bigint IS NULL OR p.fund_id = $4::bigint)
           AND (m.achieved_on BETWEEN $1::date AND $2::date
                OR (m.due_on <= $3::date AND (m.achieved_on IS NULL OR m.achieved_on > $2::date))
                -- achieved with its tranche not all paid, or paid before it was achieved
                OR (m.achieved_on <= $2::date AND m.tranche > milestone_paid(m.id, $2::date))
                OR ((m.achieved_on IS NULL OR m.achieved_on > $2::date) AND milestone_paid(m.id, $2::date) > 0))
         ORDER BY f.code, m.due_on, p.id, m.id
        """

    func milestoneLines(quarter: Quarter, fundID: Int64?) throws -> [QuarterlyReport.MilestoneLine] {
        try connection.query(PostgresQuery(sql: Self.milestonesSQL,
                                           binds: [quarter.start, quarter.end, quarter.next.end, fundID])).map { row in
            QuarterlyReport.MilestoneLine(
                fund: try row.decode("fund"), projectID: try row.decode("project_id"),
                project: try row.decode("project"), partner: try row.decode("partner"),
                milestoneID: try row.decode("id"), title: try row.decode("title"),
                dueOn: try row.decode("due_on"), achievedOn: try row.decode("achieved_on"),
                tranche: try row.decode("tranche", as: Int64?.self).map(Money.init(cents:)),
                paid: try row.money("paid"))
        }
    }
}
