-- The table of changes in fonds dédiés the notes to the accounts require, per fund for a year,
-- read from the 194 postings: opening (credit balance at 1 January), added (the year-end's
-- dotation of the year's unspent resources), used (released to 7894 for this year's grants and
-- refunds), transferred (reallocations between funds: what came in and stays unspent, less the
-- earlier years' money that went out; kind 'dedicated_transfer'), closing. So closing = opening
-- + added − used + transferred. A fund with nothing on 194 in or before the year is left out.
CREATE OR REPLACE FUNCTION dedicated_funds_table(p_year integer)
RETURNS TABLE (fund_code text, opening bigint, added bigint, used bigint, transferred bigint, closing bigint)
LANGUAGE sql STABLE AS $$
    SELECT f.code,
           coalesce(-sum(p.amount) FILTER (WHERE NOT this_year), 0)::bigint,
           coalesce(-sum(p.amount) FILTER (WHERE this_year AND e.kind <> 'dedicated_transfer' AND p.amount < 0), 0)::bigint,
           coalesce(sum(p.amount) FILTER (WHERE this_year AND e.kind <> 'dedicated_transfer' AND p.amount > 0), 0)::bigint,
           coalesce(-sum(p.amount) FILTER (WHERE this_year AND e.kind = 'dedicated_transfer'), 0)::bigint,
           coalesce(-sum(p.amount), 0)::bigint
      FROM funds f
      JOIN accounts a ON a.fund_id = f.id AND a.number = '194000'
      JOIN postings p ON p.account_id = a.id
      JOIN journal_entries e ON e.id = p.entry_id AND e.value_date <= make_date(p_year, 12, 31)
      CROSS JOIN LATERAL (SELECT e.value_date >= make_date(p_year, 1, 1) AS this_year) y
     GROUP BY f.code
     ORDER BY f.code;
$$;
