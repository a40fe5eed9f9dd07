import Ledger
import Postgres

// Donors of the quarterly report.
extension QuarterlyReportQuery {
    /// Donors of the quarter: collectivités with a contribution dated in it that was not reversed
    /// (the same rule as `fundledger thanks`). New: no earlier such contribution to the fund (per
    /// fund), to any fund (all funds; to the fund when the report is for one fund).
    /// Parameters: $1 start, $2 end, $3 fund id or NULL. The row with a NULL fund_id is the total.
    public static let donorsSQL = """
        WITH givers AS (
            -- Per fund through contribution_fund_date (OFFSET 0 keeps the lateral per fund, so
            -- that the quarter's contributions are read by index, not the whole table).
            SELECT DISTINCT f.id AS fund_id, c.donor_id
              FROM funds f
              CROSS JOIN LATERAL (SELECT c.donor_id, c.entry_id FROM contributions c
                                   WHERE c.fund_id = f.id AND c.received_on BETWEEN $1::date AND $2::date
                                  OFFSET 0) c
             WHERE ($3::bigint IS NULL OR f.id = $3::bigint)
               AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
        ), flagged AS (
            -- One index probe per donor (contribution_donor_fund_date): stop at the first earlier
            -- contribution that was not reversed.
            SELECT g.fund_id, g.donor_id,
                   (SELECT 1 FROM contributions e
                     WHERE e.donor_id = g.donor_id AND e.fund_id = g.fund_id AND e.received_on < $1::date
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = e.entry_id)
                     LIMIT 1) IS NULL AS new_to_fund,
                   (SELECT 1 FROM contributions e
                     WHERE e.donor_id = g.donor_id AND e.received_on < $1::date
                       AND ($3::bigint IS NULL OR e.fund_id = $3::bigint)
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = e.entry_id)
                     LIMIT 1) IS NULL AS new_overall
              FROM givers g
        )
        SELECT fund_id, count(DISTINCT donor_id) AS donors,
               CASE WHEN fund_id IS NULL THEN count(DISTINCT donor_id) FILTER (WHERE new_overall)
                    ELSE count(DISTINCT donor_id) FILTER (WHERE new_to_fund) END AS new_donors
          FROM flagged
         GROUP BY GROUPING SETS ((fund_id), ())
        """

    func donorCounts(quarter: Quarter, fundID: Int64?) throws
        -> (perFund: [Int64: (donors: Int, new: Int)], total: (donors: Int, new: Int)) {
        var perFund: [Int64: (donors: Int, new: Int)] = [:]
        var total = (donors: 0, new: 0)
        for row in try connection.query(PostgresQuery(sql: Self.donorsSQL, binds: [quarter.start, quarter.end, fundID])) {
            let counts = (donors: try row.decode("donors", as: Int.self), new: try row.decode("new_donors", as: Int.self))
            if let fund = try row.decode("fund_id", as: Int64?.self) { perFund[fund] = counts } else { total = counts }
        }
        return (perFund, total)
    }
}
