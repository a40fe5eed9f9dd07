-- One row per contribution, with what was applied to pledges and whether it was reversed.
CREATE OR REPLACE VIEW contribution_status AS
SELECT c.id, c.donor_id, d.name AS donor, c.fund_id, f.code AS fund, c.pledge_id, c.amount,
       c.received_on, c.reference, c.entry_id,
       coalesce((SELECT -sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id
                  WHERE p.entry_id = c.entry_id AND a.number = '441700'), 0)::bigint AS applied_to_pledges,
       r.id AS reversed_by_entry_id
  FROM contributions c
  JOIN donors d ON d.id = c.donor_id
  JOIN funds f ON f.id = c.fund_id
  LEFT JOIN journal_entries r ON r.reverses_entry_id = c.entry_id;
