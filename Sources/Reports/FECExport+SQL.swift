import Ledger
import Postgres

extension FECExport {
    /// Every posting of the year's entries, one FEC line each (see `FECExport` for the columns).
    /// Parameters: $1 first day, $2 last day of the year.
    public static let sql = """
        WITH entries AS (
            SELECT e.id, e.fund_id, e.value_date, e.description, e.recorded_at, e.reverses_entry_id,
                   fec_journal(e.kind) AS journal, v.number AS validated_number, v.validated_on
              FROM journal_entries e
              LEFT JOIN entry_validations v ON v.entry_id = e.id
             WHERE e.value_date BETWEEN $1::date AND $2::date
        ), numbered AS (
            -- A validated entry keeps its number; the others follow the journal's last one, in
            -- date then entry order, until they are validated.
            SELECT n.*,
                   coalesce(n.validated_number,
                            coalesce(max(n.validated_number) OVER (PARTITION BY n.journal), 0)
                            + row_number() OVER (PARTITION BY n.journal, n.validated_number IS NULL
                                                 ORDER BY n.value_date, n.id)) AS num
              FROM entries n
        ), lettered AS (
            -- A pledge's receivable lines balance: voted = received + written off (+ cancelled),
            -- counting postings dated up to the year's last day only.
            SELECT p.pledge_id, max(e.value_date) AS settled_on
              FROM postings p
              JOIN accounts a ON a.id = p.account_id AND a.number = '441700'
              JOIN journal_entries e ON e.id = p.entry_id AND e.value_date <= $2::date
             WHERE p.pledge_id IN (SELECT po.pledge_id FROM numbered n JOIN postings po ON po.entry_id = n.id
                                    WHERE po.pledge_id IS NOT NULL)
             GROUP BY p.pledge_id
            HAVING sum(p.amount) = 0
        )
        SELECT n.journal, n.num, to_char(n.value_date, 'YYYYMMDD') AS day,
               a.number || f.code AS account, c.label || ' ' || f.code AS account_label,
               -- The auxiliary account's number is formatted in Swift (FECExport.auxiliaryAccount), as
               -- the opening entries' are: lpad would cut an id of more than six digits.
               a.donor_id AS aux_donor_id,
               CASE WHEN a.donor_id IS NULL AND a.number = '657000' THEN pa.id END AS aux_partner_id,
               CASE WHEN a.donor_id IS NOT NULL THEN d.name WHEN a.number = '657000' THEN pa.name END AS aux_label,
               coalesce(pl.reference, co.reference, di.reference, opl.reference, oco.reference, odi.reference,
                        fso.reference, fsi.reference, 'E' || n.id) AS piece,
               '[' || f.code || '] ' || n.description
                   || CASE WHEN pa.id IS NOT NULL THEN ' — ' || pa.name || ', « ' || pr.title || ' »' ELSE '' END AS label_line,
               p.amount,
               CASE WHEN a.number = '441700' AND lt.pledge_id IS NOT NULL THEN 'P' || lt.pledge_id END AS letter,
               CASE WHEN a.number = '441700' AND lt.pledge_id IS NOT NULL THEN to_char(lt.settled_on, 'YYYYMMDD') END AS letter_day,
               to_char(coalesce(n.validated_on, (n.recorded_at AT TIME ZONE 'Europe/Paris')::date), 'YYYYMMDD') AS valid_on,
               n.id AS entry_id
          FROM numbered n
          JOIN postings p ON p.entry_id = n.id
          JOIN accounts a ON a.id = p.account_id
          JOIN chart_of_accounts c ON c.number = a.number
          JOIN funds f ON f.id = n.fund_id
          LEFT JOIN donors d ON d.id = a.donor_id
          LEFT JOIN pledges pl ON pl.entry_id = n.id
          LEFT JOIN contributions co ON co.entry_id = n.id
          LEFT JOIN disbursements di ON di.entry_id = n.id
          -- A reversal's piece is its original's.
          LEFT JOIN pledges opl ON opl.entry_id = n.reverses_entry_id
          LEFT JOIN contributions oco ON oco.entry_id = n.reverses_entry_id
          LEFT JOIN disbursements odi ON odi.entry_id = n.reverses_entry_id
          -- A settlement's piece is the agreement it rests on, in both funds of a reallocation.
          LEFT JOIN fund_settlements fso ON fso.out_entry_id = n.id
          LEFT JOIN fund_settlements fsi ON fsi.in_entry_id = n.id
          LEFT JOIN projects pr ON pr.id = coalesce(di.project_id, odi.project_id)
          LEFT JOIN partners pa ON pa.id = pr.partner_id
          LEFT JOIN lettered lt ON lt.pledge_id = p.pledge_id
         ORDER BY n.value_date, n.journal, n.num, p.id
        """
}
