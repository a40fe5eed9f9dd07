import Ledger
import Postgres

// Intentions to give, not voted by the quarter's end: shown as intentions, never as pledges.
extension QuarterlyReportQuery {
    /// Per fund, the intentions announced by $1 and not voted by then (their pledge, if any,
    /// dated later): how many collectivités, how much. Parameters: $1 the quarter's last day,
    /// $2 fund id or NULL.
    public static let intentsSQL = """
        SELECT i.fund_id, count(DISTINCT i.donor_id) AS donors, sum(i.amount)::bigint AS amount
          FROM pledge_intents i
          LEFT JOIN pledges p ON p.id = i.pledge_id
         WHERE i.announced_on <= $1::date AND (p.id IS NULL OR p.pledged_on > $1::date)
           AND ($2::bigint IS NULL OR i.fund_id = $2::bigint)
         GROUP BY i.fund_id
        """

    func intents(asOf day: CalendarDate, fundID: Int64?) throws -> [Int64: (donors: Int, amount: Money)] {
        var out: [Int64: (Int, Money)] = [:]
        for row in try connection.query(PostgresQuery(sql: Self.intentsSQL, binds: [day, fundID])) {
            out[try row.decode("fund_id")] = (try row.decode("donors"), try row.money("amount"))
        }
        return out
    }
}
