import Ledger
import Postgres

// Money, from the aggregates of the quarterly report.
extension QuarterlyReportQuery {
    /// The SQL of the money figures, public so that its plan can be shown (`EXPLAIN`).
    /// Parameters: $1 quarter start, $2 quarter end, $3 fund id or NULL.
    public static let figuresSQL = """
        WITH fund_accounts AS (
            SELECT a.id, a.fund_id, a.number, a.balance
              FROM accounts a
             WHERE a.number IN ('512000', '441700') AND ($3::bigint IS NULL OR a.fund_id = $3::bigint)
        ), per_account AS (
            -- One row per account, from its daily totals alone (every day: the balances at the
            -- quarter's edges are sums of totals, never the cached balance less totals).
            SELECT a.fund_id, a.number, a.balance,
                   coalesce(sum(t.debits - t.credits), 0) AS total_all,
                   sum(t.debits - t.credits) FILTER (WHERE t.day < $1::date) AS before_start,
                   sum(t.debits - t.credits) FILTER (WHERE t.day <= $2::date) AS up_to_end,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'contribution') AS contribution_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'contribution') AS contribution_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'disbursement') AS disbursement_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'disbursement') AS disbursement_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'pledge') AS pledge_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'pledge') AS pledge_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'pledge_write_off') AS write_off_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'pledge_write_off') AS write_off_credits,
                   sum(t.debits)  FILTER (WHERE q AND t.kind = 'reallocation') AS reallocation_debits,
                   sum(t.credits) FILTER (WHERE q AND t.kind = 'reallocation') AS reallocation_credits,
                   sum(t.credits - t.debits) FILTER (WHERE q AND t.kind = 'refund') AS refund_net,
                   -- Since the fund opened, up to the quarter's last day.
                   sum(t.debits - t.credits) FILTER (WHERE t.day <= $2::date AND t.kind = 'contribution') AS contributions_to_date,
                   sum(t.credits - t.debits) FILTER (WHERE t.day <= $2::date AND t.kind = 'disbursement') AS disbursements_to_date,
                   sum(t.debits)  FILTER (WHERE t.day <= $2::date AND t.kind = 'reallocation') AS reallocated_in_to_date,
                   sum(t.credits) FILTER (WHERE t.day <= $2::date AND t.kind = 'reallocation') AS reallocated_out_to_date,
                   sum(t.credits - t.debits) FILTER (WHERE t.day <= $2::date AND t.kind = 'refund') AS refunded_to_date
              FROM fund_accounts a
              LEFT JOIN account_daily_totals t ON t.account_id = a.id
              CROSS JOIN LATERAL (SELECT t.day BETWEEN $1::date AND $2::date AS q) inq
             GROUP BY a.id, a.fund_id, a.number, a.balance
        ), movements AS (
            SELECT fund_id,
                   sum(before_start) FILTER (WHERE number = '512000') AS opening,
                   sum(up_to_end) FILTER (WHERE number = '512000') AS closing,
                   sum(up_to_end) FILTER (WHERE number = '441700') AS outstanding_at_end,
                   sum(contribution_debits)  FILTER (WHERE number = '512000') AS received_recorded,
                   sum(contribution_credits) FILTER (WHERE number = '512000') AS received_reversed,
                   sum(disbursement_credits) FILTER (WHERE number = '512000') AS disbursed_recorded,
                   sum(disbursement_debits)  FILTER (WHERE number = '512000') AS disbursed_reversed,
                   sum(pledge_debits)        FILTER (WHERE number = '441700') AS pledged_recorded,
                   sum(pledge_credits)       FILTER (WHERE number = '441700') AS pledges_cancelled,
                   sum(write_off_credits)    FILTER (WHERE number = '441700') AS written_off_recorded,
                   sum(write_off_debits)     FILTER (WHERE number = '441700') AS write_offs_reversed,
                   sum(reallocation_debits)  FILTER (WHERE number = '512000') AS reallocated_in,
                   sum(reallocation_credits) FILTER (WHERE number = '512000') AS reallocated_out,
                   sum(refund_net)           FILTER (WHERE number = '512000') AS refunded,
                   sum(reallocated_in_to_date)  FILTER (WHERE number = '512000') AS reallocated_in_to_date,
                   sum(reallocated_out_to_date) FILTER (WHERE number = '512000') AS reallocated_out_to_date,
                   sum(refunded_to_date)        FILTER (WHERE number = '512000') AS refunded_to_date,
                   sum(contributions_to_date)  FILTER (WHERE number = '512000') AS received_to_date,
                   sum(disbursements_to_date)  FILTER (WHERE number = '512000') AS disbursed_to_date,
                   -- The cached balances must equal the sums of all their daily totals.
                   sum(balance) FILTER (WHERE number = '512000') AS bank_cached,
                   sum(total_all) FILTER (WHERE number = '512000') AS bank_totals,
                   count(*) FILTER (WHERE balance <> total_all) AS stale_accounts,
                   string_agg(DISTINCT number, ', ') FILTER (WHERE balance <> total_all) AS stale_numbers
              FROM per_account
             GROUP BY fund_id
        )
        SELECT f.id, f.code, f.name, f.audience, f.status, f.opened_on,
               coalesce(m.received_to_date, 0)::bigint AS received_to_date,
               coalesce(m.disbursed_to_date, 0)::bigint AS disbursed_to_date,
               coalesce(m.reallocated_in, 0)::bigint AS reallocated_in,
               coalesce(m.reallocated_out, 0)::bigint AS reallocated_out,
               coalesce(m.refunded, 0)::bigint AS refunded,
               coalesce(m.reallocated_in_to_date, 0)::bigint AS reallocated_in_to_date,
               coalesce(m.reallocated_out_to_date, 0)::bigint AS reallocated_out_to_date,
               coalesce(m.refunded_to_date, 0)::bigint AS refunded_to_date,
               coalesce(m.opening, 0)::bigint AS opening,
               coalesce(m.closing, 0)::bigint AS closing,
               coalesce(m.outstanding_at_end, 0)::bigint AS outstanding_at_end,
               coalesce(m.received_recorded, 0)::bigint AS received_recorded,
               coalesce(m.received_reversed, 0)::bigint AS received_reversed,
               coalesce(m.disbursed_recorded, 0)::bigint AS disbursed_recorded,
               coalesce(m.disbursed_reversed, 0)::bigint AS disbursed_reversed,
               coalesce(m.pledged_recorded, 0)::bigint AS pledged_recorded,
               coalesce(m.pledges_cancelled, 0)::bigint AS pledges_cancelled,
               coalesce(m.written_off_recorded, 0)::bigint AS written_off_recorded,
               coalesce(m.write_offs_reversed, 0)::bigint AS write_offs_reversed,
               coalesce(m.bank_cached, 0)::bigint AS bank_cached,
               coalesce(m.bank_totals, 0)::bigint AS bank_totals,
               coalesce(m.stale_accounts, 0)::bigint AS stale_accounts,
               m.stale_numbers
          FROM funds f
          LEFT JOIN movements m ON m.fund_id = f.id
         WHERE ($3::bigint IS NULL OR f.id = $3::bigint) AND f.opened_on <= $2::date
         ORDER BY f.code
        """

    struct SectionRow {
        var id: Int64
        var section: QuarterlyReport.FundSection
        /// The fund's cached bank balance, and the sum of all the bank account's daily totals.
        var bankCached: Money
        var bankTotals: Money
        /// Accounts (512, 441) of the fund whose cached balance is not the sum of their daily
        /// totals, and their numbers.
        var staleAccounts: Int64
        var staleNumbers: String?
    }

    /// Refuses the report (one line, telling to run `fundledger verify`) when a fund's cached
    /// balances are not the sums of their daily totals, or when its closing balance (the bank's
    /// daily totals up to the quarter's last day) is not opening (those before its first day)
    /// + received − disbursed + reallocated in − reallocated out − refunded.
    static func checkConsistency(_ sections: [SectionRow]) throws {
        for row in sections {
            let code = row.section.code
            if row.staleAccounts > 0 {
                let which = row.bankCached != row.bankTotals
                    ? "le solde de banque en cache est \(row.bankCached.french) mais les totaux journaliers donnent \(row.bankTotals.french)"
                    : "le solde en cache de \(row.staleAccounts) compte(s) \(row.staleNumbers ?? "") diffère des totaux journaliers"
                throw ReportError("fonds \(code)\u{00A0}: \(which)\u{00A0}; lancez fundledger verify")
            }
            let figures = row.section.figures
            if figures.closing != figures.expectedClosing {
                throw ReportError("fonds \(code)\u{00A0}: les totaux journaliers donnent un solde de clôture de \(figures.closing.french) mais ouverture + reçu − versé ± réaffecté − rendu = \(figures.expectedClosing.french)\u{00A0}; lancez fundledger verify")
            }
        }
    }

    func figures(quarter: Quarter, fundID: Int64?) throws -> [SectionRow] {
        let rows = try connection.query(PostgresQuery(sql: Self.figuresSQL, binds: [quarter.start, quarter.end, fundID]))
        return try rows.map { row in
            var figures = QuarterlyReport.Figures()
            figures.opening = try row.money("opening")
            figures.closing = try row.money("closing")
            figures.outstandingAtEnd = try row.money("outstanding_at_end")
            figures.receivedRecorded = try row.money("received_recorded")
            figures.receivedReversed = try row.money("received_reversed")
            figures.disbursedRecorded = try row.money("disbursed_recorded")
            figures.disbursedReversed = try row.money("disbursed_reversed")
            figures.pledgedRecorded = try row.money("pledged_recorded")
            figures.pledgesCancelled = try row.money("pledges_cancelled")
            figures.writtenOffRecorded = try row.money("written_off_recorded")
            figures.writeOffsReversed = try row.money("write_offs_reversed")
            figures.reallocatedIn = try row.money("reallocated_in")
            figures.reallocatedOut = try row.money("reallocated_out")
            figures.refunded = try row.money("refunded")
            var section = QuarterlyReport.FundSection(
                code: try row.decode("code"), name: try row.decode("name"),
                status: try row.decode("status"), openedOn: try row.decode("opened_on"),
                audience: try row.decode("audience"), figures: figures)
            section.sinceOpening.received = try row.money("received_to_date")
            section.sinceOpening.disbursed = try row.money("disbursed_to_date")
            section.sinceOpening.reallocatedIn = try row.money("reallocated_in_to_date")
            section.sinceOpening.reallocatedOut = try row.money("reallocated_out_to_date")
            section.sinceOpening.refunded = try row.money("refunded_to_date")
            return SectionRow(id: try row.decode("id"), section: section,
                              bankCached: try row.money("bank_cached"), bankTotals: try row.money("bank_totals"),
                              staleAccounts: try row.decode("stale_accounts"), staleNumbers: try row.decode("stale_numbers"))
        }
    }
}
