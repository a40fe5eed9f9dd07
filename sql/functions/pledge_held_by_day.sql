-- A pledge's receivable day by day: per value date with 441 postings, what they move that day
-- (amount) and what the pledge still expects at the end of it (held, the running sum). Read by
-- pledge_outstanding(pledge, day) and check_pledge_never_over_received, which must agree on it.
-- SQL, STABLE, one SELECT: inlined into the query that calls it (a LATERAL per pledge), so the
-- postings trigger plans it as if written there.
CREATE OR REPLACE FUNCTION pledge_held_by_day(p_pledge_id bigint)
RETURNS TABLE (day date, amount numeric, held numeric)
LANGUAGE sql STABLE AS $$
    SELECT e.value_date, sum(p.amount), sum(sum(p.amount)) OVER (ORDER BY e.value_date)
      FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '441700'
      JOIN journal_entries e ON e.id = p.entry_id
     WHERE p.pledge_id = p_pledge_id
     GROUP BY e.value_date
$$;
