-- The table of changes in fonds dédiés the notes to the accounts require, per fund for a year,
-- read from the 194 postings: opening (credit balance at 1 January), added (the year-end's
-- dotation), used (released to 7894 for this year's grants), closing. A fund with nothing on
-- 194 in or before the year is left out.
CREATE OR REPLACE FUNCTION dedicated_funds_table(p_year integer)
RETURNS TABLE (fund_code text, opening bigint, added bigint, used bigint, closing bigint)
LANGUAGE sql STABLE AS $$
    SELECT f.code,
           coalesce(-sum(p.amount) FILTER (WHERE e.value_date < make_date(p_year, 1, 1)), 0)::bigint,
           coalesce(-sum(p.amount) FILTER (WHERE e.value_date >= make_date(p_year, 1, 1) AND p.amount < 0), 0)::bigint,
           coalesce(sum(p.amount) FILTER (WHERE e.value_date >= make_date(p_year, 1, 1) AND p.amount > 0), 0)::bigint,
           coalesce(-sum(p.amount), 0)::bigint
      FROM funds f
      JOIN accounts a ON a.fund_id = f.id AND a.number = '194000'
      JOIN postings p ON p.account_id = a.id
      JOIN journal_entries e ON e.id = p.entry_id AND e.value_date <= make_date(p_year, 12, 31)
     GROUP BY f.code
     ORDER BY f.code;
$$;
