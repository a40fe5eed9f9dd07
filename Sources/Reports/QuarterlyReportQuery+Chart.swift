import Ledger
import Postgres

// Chart of the quarterly report.
extension QuarterlyReportQuery {
    /// Net received and disbursed per fund and quarter, from the bank accounts' daily totals.
    /// Parameters: $1 first day, $2 last day, $3 fund id or NULL.
    public static let chartSQL = """
        SELECT f.code AS fund,
               extract(year FROM t.day)::int AS year, extract(quarter FROM t.day)::int AS quarter,
               coalesce(sum(t.debits - t.credits) FILTER (WHERE t.kind = 'contribution'), 0)::bigint AS received,
               coalesce(sum(t.credits - t.debits) FILTER (WHERE t.kind = 'disbursement'), 0)::bigint AS disbursed
          FROM accounts a
          JOIN account_daily_totals t ON t.account_id = a.id AND t.day BETWEEN $1::date AND $2::date
          JOIN funds f ON f.id = a.fund_id
         WHERE a.number = '512000' AND ($3::bigint IS NULL OR a.fund_id = $3::bigint)
         GROUP BY 1, 2, 3
        """

    func chart(from first: Quarter, to last: Quarter, fundID: Int64?, funds: [String]) throws
        -> [QuarterlyReport.ChartPoint] {
        var found: [String: QuarterlyReport.ChartPoint] = [:]
        for row in try connection.query(PostgresQuery(sql: Self.chartSQL, binds: [first.start, last.end, fundID])) {
            guard let quarter = Quarter(year: try row.decode("year"), number: try row.decode("quarter")) else { continue }
            let fund: String = try row.decode("fund")
            found["\(fund) \(quarter)"] = QuarterlyReport.ChartPoint(
                fund: fund, quarter: quarter, received: try row.money("received"),
                disbursed: try row.money("disbursed"))
        }
        var quarters: [Quarter] = [first]
        while quarters.last! < last { quarters.append(quarters.last!.next) }
        return funds.flatMap { fund in
            quarters.map { quarter in
                found["\(fund) \(quarter)"]
                    ?? QuarterlyReport.ChartPoint(fund: fund, quarter: quarter, received: .zero, disbursed: .zero)
            }
        }
    }
}
