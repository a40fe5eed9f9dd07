import Ledger
import Postgres

// Donors of the quarterly report.
extension QuarterlyReportQuery {
    /// Donors of the quarter: collectivités with a contribution dated in it that was not reversed
    /// (the same rule as `fundledger thanks`). New: no earlier such contribution to the fund (per
    /// fund), to any fund (all funds; to the fund when the report is for one fund).
    /// Parameters: $1 start, $2 end, $3 fund id or NULL. The row with a NULL fund_id is the total.
    public static let donorsSQL = """
        WITH firsts AS (
            -- Per fund and donor, two index probes (contribution_donor_fund_first) in the index's
            -- order — ORDER BY … LIMIT 1, so that a donor with nothing on a fund costs one probe,
            -- never a scan: the first contribution not reversed on or after the quarter's first
            -- day, and the first one before it. The cost grows with funds × donors, never with gifts.
            SELECT f.id AS fund_id, d.id AS donor_id,
                   (SELECT c.received_on FROM contributions c
                     WHERE c.donor_id = d.id AND c.fund_id = f.id AND c.received_on >= $1::date
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
                     ORDER BY c.received_on LIMIT 1) AS first_from_start,
                   (SELECT c.received_on FROM contributions c
                     WHERE c.donor_id = d.id AND c.fund_id = f.id
                       AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
                     ORDER BY c.received_on LIMIT 1) AS first_ever
              FROM funds f CROSS JOIN donors d
             WHERE ($3::bigint IS NULL OR f.id = $3::bigint)
        ), flagged AS (
            -- A giver of the quarter is new to the fund when it gave nothing (not reversed) before
            -- the quarter; new overall when it gave nothing before to any fund of the report.
            SELECT g.fund_id, g.donor_id, g.first_ever >= $1::date AS new_to_fund,
                   NOT EXISTS (SELECT FROM firsts other WHERE other.donor_id = g.donor_id AND other.first_ever < $1::date) AS new_overall
              FROM firsts g
             WHERE g.first_from_start <= $2::date
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
