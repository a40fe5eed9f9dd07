-- FundLedger 0003: read models. Every figure is derived from postings (or the balances and
-- daily totals maintained with them), so reversals and write-offs are always accounted for.

-- One row per pledge: pledged − received − written off = outstanding.
CREATE VIEW pledge_status AS
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

-- One row per contribution, with what was applied to pledges and whether it was reversed.
CREATE VIEW contribution_status AS
SELECT c.id, c.donor_id, d.name AS donor, c.fund_id, f.code AS fund, c.pledge_id, c.amount,
       c.received_on, c.reference, c.entry_id,
       coalesce((SELECT -sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id
                  WHERE p.entry_id = c.entry_id AND a.number = '441700'), 0)::bigint AS applied_to_pledges,
       r.id AS reversed_by_entry_id
  FROM contributions c
  JOIN donors d ON d.id = c.donor_id
  JOIN funds f ON f.id = c.fund_id
  LEFT JOIN journal_entries r ON r.reverses_entry_id = c.entry_id;

-- Per fund and donor: pledged (not cancelled), received (not reversed), outstanding.
CREATE VIEW donor_fund_totals AS
WITH pledged AS (
    SELECT fund_id, donor_id,
           sum(pledged) FILTER (WHERE NOT cancelled) AS pledged,
           sum(outstanding) AS outstanding,
           sum(written_off) AS written_off,
           min(pledged_on) FILTER (WHERE NOT cancelled) AS first_pledged_on
      FROM pledge_status GROUP BY fund_id, donor_id
), received AS (
    SELECT fund_id, donor_id, sum(amount) AS received, max(received_on) AS last_received_on,
           min(received_on) AS first_received_on
      FROM contribution_status WHERE reversed_by_entry_id IS NULL
     GROUP BY fund_id, donor_id
)
SELECT f.id AS fund_id, f.code AS fund, d.id AS donor_id, d.name AS donor, d.kind AS donor_kind,
       coalesce(p.pledged, 0)::bigint AS pledged,
       coalesce(r.received, 0)::bigint AS received,
       coalesce(p.outstanding, 0)::bigint AS outstanding,
       coalesce(p.written_off, 0)::bigint AS written_off,
       p.first_pledged_on, r.first_received_on, r.last_received_on
  FROM pledged p
  FULL JOIN received r ON r.fund_id = p.fund_id AND r.donor_id = p.donor_id
  JOIN funds f ON f.id = coalesce(p.fund_id, r.fund_id)
  JOIN donors d ON d.id = coalesce(p.donor_id, r.donor_id)
 WHERE coalesce(p.pledged, 0) > 0 OR coalesce(r.received, 0) > 0;

-- Per fund: the balances of its accounts, read from the cached balances (O(accounts)).
CREATE VIEW fund_balances AS
SELECT f.id AS fund_id, f.code, f.name, f.status, f.opened_on, f.closed_on,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '512000'), 0)::bigint AS available,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '441700'), 0)::bigint AS outstanding_pledges,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '657000'), 0)::bigint AS disbursed,
       coalesce(-sum(a.balance) FILTER (WHERE a.number = '740000'), 0)::bigint AS income
  FROM funds f LEFT JOIN accounts a ON a.fund_id = f.id
 GROUP BY f.id;
