-- One row per pledge: pledged − received − written off = outstanding.
CREATE OR REPLACE VIEW pledge_status AS
SELECT pl.id, pl.donor_id, d.name AS donor, pl.fund_id, f.code AS fund, pl.amount AS pledged,
       pl.pledged_on, pl.reference, pl.entry_id,
       coalesce(-sum(p.amount) FILTER (WHERE e.kind = 'contribution'), 0)::bigint AS received,
       coalesce(-sum(p.amount) FILTER (WHERE e.kind = 'pledge_write_off'), 0)::bigint AS written_off,
       (cancel.id IS NOT NULL) AS cancelled,
       coalesce(sum(p.amount), 0)::bigint AS outstanding,
       CASE
           WHEN cancel.id IS NOT NULL THEN 'cancelled'
           WHEN coalesce(sum(p.amount), 0) > 0 THEN 'open'
           WHEN coalesce(sum(p.amount) FILTER (WHERE e.kind = 'pledge_write_off'), 0) < 0 THEN 'written_off'
           ELSE 'fulfilled'
       END AS status
  FROM pledges pl
  JOIN donors d ON d.id = pl.donor_id
  JOIN funds f ON f.id = pl.fund_id
  LEFT JOIN journal_entries cancel ON cancel.reverses_entry_id = pl.entry_id
  LEFT JOIN postings p ON p.pledge_id = pl.id
        AND p.account_id IN (SELECT id FROM accounts WHERE number = '441700')
  LEFT JOIN journal_entries e ON e.id = p.entry_id
 GROUP BY pl.id, d.name, f.code, cancel.id;
