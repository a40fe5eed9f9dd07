import Ledger
import Postgres

// Projects of the quarterly report: what each fund committed to its partners and paid.
extension QuarterlyReportQuery {
    /// Every project of the funds with its commitment (budget, else tranches planned) and what was
    /// paid by $1 net of reversals (a tranche counts on its payment date, its reversal on the
    /// reversal's date). Reads the project's disbursements (disbursement_project) and their
    /// reversals (entry_reversed_once), never the postings.
    /// Parameters: $1 the quarter's last day, $2 fund id or NULL.
    public static let projectsSQL = """
        SELECT f.code AS fund, p.id, p.title, pa.name AS partner, p.description, p.beneficiaries,
               coalesce(p.budget, planned.total, 0)::bigint AS commitment,
               coalesce(paid.total, 0)::bigint AS paid
          FROM projects p
          JOIN funds f ON f.id = p.fund_id
          JOIN partners pa ON pa.id = p.partner_id
          LEFT JOIN LATERAL (SELECT sum(m.tranche) AS total FROM milestones m WHERE m.project_id = p.id) planned ON true
          LEFT JOIN LATERAL (
              SELECT coalesce(sum(d.amount) FILTER (WHERE d.paid_on <= $1::date), 0)
                     - coalesce(sum(d.amount) FILTER (WHERE r.value_date <= $1::date), 0) AS total
                FROM disbursements d
                LEFT JOIN journal_entries r ON r.reverses_entry_id = d.entry_id
               WHERE d.project_id = p.id) paid ON true
         WHERE ($2::bigint IS NULL OR p.fund_id = $2::bigint)
         ORDER BY f.code, p.id
        """

    func projectLines(asOf day: CalendarDate, fundID: Int64?) throws -> [QuarterlyReport.ProjectLine] {
        try connection.query(PostgresQuery(sql: Self.projectsSQL, binds: [day, fundID])).map { row in
            QuarterlyReport.ProjectLine(
                fund: try row.decode("fund"), id: try row.decode("id"), title: try row.decode("title"),
                partner: try row.decode("partner"), description: try row.decode("description"),
                beneficiaries: try row.decode("beneficiaries"),
                commitment: try row.money("commitment"), paid: try row.money("paid"))
        }
    }
}
