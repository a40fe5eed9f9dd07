import Ledger
import Postgres

/// The FEC's opening entries (journal `AN`, À-nouveaux), dated 1 January, once the previous year
/// is closed (`fundledger period close`): per fund, the bank (512), each donor's receivable
/// (441) and the fonds dédiés (194) as they stood at the close of 31 December, against 110000
/// Report à nouveau for the difference. Computed from the daily totals at each export, never posted: the balances of a
/// closed year cannot change, so neither can these lines. Their `ValidDate` is the day that year
/// was closed.
public enum FECOpeningEntries {
    public struct Line: Sendable {
        public var fields: [String]
        /// Debit positive, credit negative, in cents.
        public var amount: Int64
    }

    public struct Entry: Sendable {
        public var fund: String
        public var lines: [Line]
    }

    /// Parameters: $1 the previous year's last day.
    public static let sql = """
        WITH closed AS (
            SELECT min(c.closed_at) AS closed_at FROM period_closures c WHERE c.closed_through >= $1::date
        ), balances AS (
            SELECT a.fund_id, a.number, a.donor_id, sum(t.debits - t.credits) AS balance
              FROM accounts a
              JOIN account_daily_totals t ON t.account_id = a.id AND t.day <= $1::date
             WHERE a.number IN ('512000', '441700', '194000', '468600')
             GROUP BY a.id, a.fund_id, a.number, a.donor_id
            HAVING sum(t.debits - t.credits) <> 0
        )
        SELECT f.code, b.number, c.label, b.donor_id, d.name AS donor, b.balance::bigint AS balance,
               to_char((closed.closed_at AT TIME ZONE 'Europe/Paris')::date, 'YYYYMMDD') AS valid_on
          FROM balances b
          JOIN funds f ON f.id = b.fund_id
          JOIN chart_of_accounts c ON c.number = b.number
          LEFT JOIN donors d ON d.id = b.donor_id
          CROSS JOIN closed
         WHERE closed.closed_at IS NOT NULL
         ORDER BY f.code, b.number DESC, d.name, b.donor_id
        """

    /// The opening entries of `year`, one per fund holding something; none while the previous
    /// year is not closed.
    public static func read(_ connection: PostgresConnection, year: Int) throws -> [Entry] {
        guard let previousEnd = CalendarDate(year: year - 1, month: 12, day: 31) else { return [] }
        let rows = try connection.query(PostgresQuery(sql: sql, binds: [previousEnd]))
        let day = "\(year)0101"
        var entries: [Entry] = []
        for row in rows {
            let fund: String = try row.decode("code")
            if entries.last?.fund != fund { entries.append(Entry(fund: fund, lines: [])) }
            let number = entries.count
            let balance: Int64 = try row.decode("balance")
            let donorID = try row.decode("donor_id", as: Int64?.self)
            let account: String = try row.decode("number")
            entries[entries.count - 1].lines.append(line(
                number: number, day: day, year: year, fund: fund, account: account, label: try row.decode("label"),
                aux: donorID.map(FECExport.auxiliaryAccount), auxLabel: try row.decode("donor"), amount: balance,
                validOn: try row.decode("valid_on")))
        }
        // Each entry balances against Report à nouveau.
        for index in entries.indices {
            let total = entries[index].lines.reduce(Int64(0)) { $0 + $1.amount }
            guard total != 0, let validOn = entries[index].lines.first?.fields[15] else { continue }
            entries[index].lines.append(line(
                number: index + 1, day: day, year: year, fund: entries[index].fund, account: "110000",
                label: "Report à nouveau", aux: nil, auxLabel: nil, amount: -total, validOn: validOn))
        }
        return entries
    }

    static func line(number: Int, day: String, year: Int, fund: String, account: String, label: String,
                     aux: String?, auxLabel: String?, amount: Int64, validOn: String) -> Line {
        Line(fields: [
            "AN", "À-nouveaux", String(number), day, account + fund, label + " " + fund, aux ?? "", auxLabel ?? "",
            "AN\(year)", day, "[\(fund)] Report à nouveau au 1er janvier \(year)",
            Money(cents: max(amount, 0)).decimalComma, Money(cents: max(-amount, 0)).decimalComma,
            "", "", validOn, "", "",
        ], amount: amount)
    }
}
