import Ledger
import Postgres

// Reversals of the quarterly report.
extension QuarterlyReportQuery {
    /// Reversal entries dated in the quarter, with the entry each one reverses.
    /// Parameters: $1 start, $2 end, $3 fund id or NULL.
    public static let reversalsSQL = """
        SELECT f.code AS fund, r.id, r.value_date, r.kind, r.description,
               (SELECT sum(p.amount) FROM postings p WHERE p.entry_id = r.id AND p.amount > 0)::bigint AS amount,
               o.id AS original_id, o.value_date AS original_value_date, o.description AS original_description
          FROM journal_entries r
          JOIN journal_entries o ON o.id = r.reverses_entry_id
          JOIN funds f ON f.id = r.fund_id
         WHERE r.reverses_entry_id IS NOT NULL
           AND r.value_date BETWEEN $1::date AND $2::date
           AND ($3::bigint IS NULL OR r.fund_id = $3::bigint)
         ORDER BY r.value_date, r.id
        """

    func reversals(quarter: Quarter, fundID: Int64?) throws -> [QuarterlyReport.Reversal] {
        try connection.query(PostgresQuery(sql: Self.reversalsSQL, binds: [quarter.start, quarter.end, fundID])).map { row in
            QuarterlyReport.Reversal(
                fund: try row.decode("fund"), entryID: try row.decode("id"), valueDate: try row.decode("value_date"),
                kind: try row.decode("kind"),
                description: try row.decode("description"), amount: try row.money("amount"),
                reversedEntryID: try row.decode("original_id"),
                reversedValueDate: try row.decode("original_value_date"),
                reversedDescription: try row.decode("original_description"))
        }
    }
}
