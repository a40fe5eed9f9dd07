import Ledger
import Postgres

// Settlements of funds in the quarter: reallocations (seen from both funds) and refunds.
extension QuarterlyReportQuery {
    /// One row per settlement dated in the quarter and per fund it touched: the fund given up
    /// (`outgoing`) and, for a reallocation, the fund receiving. Parameters: $1 quarter start,
    /// $2 quarter end, $3 fund id or NULL.
    public static let settlementsSQL = """
        SELECT side.fund_id, side.outgoing, s.kind, s.amount, s.settled_on, s.reference, s.agreed_on,
               other.name AS counterpart,
               (SELECT count(*) FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '658200'
                 WHERE p.entry_id = s.out_entry_id) AS donors
          FROM fund_settlements s
          CROSS JOIN LATERAL (VALUES (s.fund_id, true, s.target_fund_id), (s.target_fund_id, false, s.fund_id))
                             AS side (fund_id, outgoing, other_fund_id)
          LEFT JOIN funds other ON other.id = side.other_fund_id
         WHERE side.fund_id IS NOT NULL AND s.settled_on BETWEEN $1::date AND $2::date
           AND ($3::bigint IS NULL OR side.fund_id = $3::bigint)
         ORDER BY s.settled_on, s.id
        """

    func settlements(quarter: Quarter, fundID: Int64?) throws -> [Int64: [QuarterlyReport.SettlementLine]] {
        var out: [Int64: [QuarterlyReport.SettlementLine]] = [:]
        for row in try connection.query(PostgresQuery(sql: Self.settlementsSQL, binds: [quarter.start, quarter.end, fundID])) {
            let outgoing: Bool = try row.decode("outgoing")
            let kind: FundSettlement.Kind = try row.decode("kind")
            let line = QuarterlyReport.SettlementLine(
                kind: kind == .refund ? .refund : outgoing ? .reallocatedOut : .reallocatedIn,
                amount: try row.money("amount"), on: try row.decode("settled_on"),
                reference: try row.decode("reference"), agreedOn: try row.decode("agreed_on"),
                counterpart: try row.decode("counterpart"), donors: Int(try row.decode("donors", as: Int64.self)))
            out[try row.decode("fund_id"), default: []].append(line)
        }
        return out
    }
}
