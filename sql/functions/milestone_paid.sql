-- What a milestone's tranches paid, net of reversals, by the close of a day: shared by the
-- milestone report and the quarterly report so that both count a tranche the same way.
CREATE OR REPLACE FUNCTION milestone_paid(p_milestone_id bigint, p_as_of date) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT coalesce(-sum(po.amount), 0)::bigint
      FROM postings po
      JOIN accounts a ON a.id = po.account_id AND a.number = '512000'
      JOIN journal_entries e ON e.id = po.entry_id AND e.value_date <= p_as_of
     WHERE po.milestone_id = p_milestone_id;
$$;
