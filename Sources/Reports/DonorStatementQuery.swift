import Ledger
import Postgres

/// Reads a `DonorStatement` from the donor's own pledges, contributions and refunds (indexes
/// `pledge_donor_fund`, `contribution_donor_fund_first`, the donor's 6582 accounts), in one snapshot.
public struct DonorStatementQuery {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Parameters: $1 donor id, $2 first day or NULL, $3 last day or NULL.
    public static let linesSQL = """
        SELECT fund, pledged_on AS day, 'pledge' AS kind, id, reference, pledged AS amount, outstanding,
               status AS state, entry_id,
               (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = ps.entry_id) AS reversed_by
          FROM pledge_status ps
         WHERE donor_id = $1::bigint AND ($2::date IS NULL OR pledged_on >= $2::date)
           AND ($3::date IS NULL OR pledged_on <= $3::date)
        UNION ALL
        SELECT fund, received_on, 'contribution', id, reference, amount, NULL,
               CASE WHEN reversed_by_entry_id IS NULL THEN 'received' ELSE 'reversed' END, entry_id,
               reversed_by_entry_id
          FROM contribution_status
         WHERE donor_id = $1::bigint AND ($2::date IS NULL OR received_on >= $2::date)
           AND ($3::date IS NULL OR received_on <= $3::date)
        UNION ALL
        -- The donor's share of a fund's money given back to its donors (fund_settlements).
        SELECT f.code, e.value_date, 'refund', s.id, s.reference, p.amount, NULL, 'refunded', e.id, NULL
          FROM accounts a
          JOIN postings p ON p.account_id = a.id
          JOIN journal_entries e ON e.id = p.entry_id
          JOIN funds f ON f.id = e.fund_id
          JOIN fund_settlements s ON s.out_entry_id = e.id
         WHERE a.number = '658200' AND a.donor_id = $1::bigint
           AND ($2::date IS NULL OR e.value_date >= $2::date) AND ($3::date IS NULL OR e.value_date <= $3::date)
         ORDER BY 1, 2, 3 DESC, 4
        """

    /// Parameters: $1 donor id, $2 first day or NULL, $3 last day or NULL.
    public static let fundsSQL = """
        WITH pledged AS (
            SELECT fund_id, sum(pledged) FILTER (WHERE NOT cancelled) AS pledged
              FROM pledge_status
             WHERE donor_id = $1::bigint AND ($2::date IS NULL OR pledged_on >= $2::date)
               AND ($3::date IS NULL OR pledged_on <= $3::date)
             GROUP BY fund_id
        ), received AS (
            SELECT fund_id, sum(amount) FILTER (WHERE reversed_by_entry_id IS NULL) AS received
              FROM contribution_status
             WHERE donor_id = $1::bigint AND ($2::date IS NULL OR received_on >= $2::date)
               AND ($3::date IS NULL OR received_on <= $3::date)
             GROUP BY fund_id
        ), outstanding AS (
            SELECT fund_id, sum(balance) AS outstanding
              FROM accounts WHERE number = '441700' AND donor_id = $1::bigint
             GROUP BY fund_id
        ), refunded AS (
            SELECT a.fund_id, sum(p.amount) AS refunded
              FROM accounts a JOIN postings p ON p.account_id = a.id JOIN journal_entries e ON e.id = p.entry_id
             WHERE a.number = '658200' AND a.donor_id = $1::bigint
               AND ($2::date IS NULL OR e.value_date >= $2::date) AND ($3::date IS NULL OR e.value_date <= $3::date)
             GROUP BY a.fund_id
        )
        SELECT f.code, f.name, coalesce(p.pledged, 0)::bigint AS pledged, coalesce(r.received, 0)::bigint AS received,
               coalesce(o.outstanding, 0)::bigint AS outstanding, coalesce(rf.refunded, 0)::bigint AS refunded
          FROM funds f
          LEFT JOIN pledged p ON p.fund_id = f.id
          LEFT JOIN received r ON r.fund_id = f.id
          LEFT JOIN outstanding o ON o.fund_id = f.id
          LEFT JOIN refunded rf ON rf.fund_id = f.id
         WHERE p.fund_id IS NOT NULL OR r.fund_id IS NOT NULL OR coalesce(o.outstanding, 0) <> 0 OR rf.fund_id IS NOT NULL
         ORDER BY f.code
        """

    /// Milestones achieved in the period by projects of funds the donor gave to (a contribution
    /// not reversed, received on or before the period's end), with the tranche paid for them.
    /// Parameters: $1 donor id, $2 first day or NULL, $3 last day or NULL.
    public static let achievementsSQL = """
        SELECT f.code AS fund, p.title AS project, pa.name AS partner, m.title AS milestone, m.achieved_on,
               coalesce((SELECT -sum(po.amount)
                           FROM postings po JOIN accounts a ON a.id = po.account_id AND a.number = '512000'
                          WHERE po.milestone_id = m.id), 0)::bigint AS paid
          FROM milestones m
          JOIN projects p ON p.id = m.project_id
          JOIN partners pa ON pa.id = p.partner_id
          JOIN funds f ON f.id = p.fund_id
         WHERE m.achieved_on IS NOT NULL
           AND ($2::date IS NULL OR m.achieved_on >= $2::date) AND ($3::date IS NULL OR m.achieved_on <= $3::date)
           AND EXISTS (SELECT FROM contributions c
                        WHERE c.donor_id = $1::bigint AND c.fund_id = p.fund_id
                          AND ($3::date IS NULL OR c.received_on <= $3::date)
                          AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id))
         ORDER BY f.code, m.achieved_on, m.id
        """

    /// The statement of `donor` (name, matched ignoring case and accents) for `year`, or every year.
    public func statement(donor name: String, year: Int? = nil) throws -> DonorStatement {
        try statement(of: LedgerReader(connection: connection).donor(named: name), year: year)
    }

    /// The statement of the donor numbered `id` (the HTTP service names donors by id); an
    /// unknown id is a `LedgerError` (`.notFound`).
    public func statement(donorID id: Int64, year: Int? = nil) throws -> DonorStatement {
        let rows = try connection.query(PostgresQuery(sql: "SELECT name FROM donors WHERE id = $1::bigint", binds: [id]))
        guard let row = rows.first else {
            throw LedgerError(kind: .notFound, message: "Aucune collectivité donatrice n° \(id).", field: "id")
        }
        return try statement(donor: row.decode("name", as: String.self), year: year)
    }

    private func statement(of donor: Donor, year: Int?) throws -> DonorStatement {
        let first = year.flatMap { CalendarDate(year: $0, month: 1, day: 1) }
        let last = year.flatMap { CalendarDate(year: $0, month: 12, day: 31) }
        let binds: [any PostgresEncodable] = [donor.id, first, last]
        return try connection.transaction(isolation: .repeatableRead) { connection in
            try connection.execute(script: "SET TRANSACTION READ ONLY")
            let lines = try connection.query(PostgresQuery(sql: Self.linesSQL, binds: binds)).map { row in
                DonorStatement.Line(
                    fund: try row.decode("fund"), date: try row.decode("day"),
                    kind: try row.decode("kind"),
                    id: try row.decode("id"), reference: try row.decode("reference"),
                    amount: try row.money("amount"),
                    outstanding: try row.decode("outstanding", as: Int64?.self).map(Money.init(cents:)),
                    state: try row.decode("state"), entryID: try row.decode("entry_id"),
                    reversedByEntryID: try row.decode("reversed_by"))
            }
            let funds = try connection.query(PostgresQuery(sql: Self.fundsSQL, binds: binds)).map { row in
                DonorStatement.FundTotals(
                    fund: try row.decode("code"), name: try row.decode("name"),
                    pledged: try row.money("pledged"), received: try row.money("received"),
                    outstanding: try row.money("outstanding"), refunded: try row.money("refunded"))
            }
            let achievements = try connection.query(PostgresQuery(sql: Self.achievementsSQL, binds: binds)).map { row in
                DonorStatement.Achievement(
                    fund: try row.decode("fund"), project: try row.decode("project"), partner: try row.decode("partner"),
                    milestone: try row.decode("milestone"), achievedOn: try row.decode("achieved_on"),
                    paid: try row.money("paid"))
            }
            return DonorStatement(donor: donor.name, donorKind: donor.kind, year: year, lines: lines, funds: funds,
                                  achievements: achievements)
        }
    }
}
