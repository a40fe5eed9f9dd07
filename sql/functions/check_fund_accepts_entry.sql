-- Rule: every journal entry is one its fund accepts on its value date (require_fund_accepts).
-- Once per INSERT statement, over the distinct (fund, day) pairs it wrote: one receipt or a
-- whole imported file costs a handful of checks, not one per entry. The year-end's fonds dédiés
-- ('year_end') are what releases a closed fund's last fonds dédiés: a closed fund accepts them.
CREATE OR REPLACE FUNCTION check_fund_accepts_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM require_fund_accepts(written.fund_id, written.value_date, written.what)
       FROM (SELECT DISTINCT n.fund_id, n.value_date,
                    CASE WHEN n.kind = 'pledge' AND n.reverses_entry_id IS NULL THEN 'pledge'
                         WHEN n.kind IN ('dedicated_funds', 'dedicated_transfer') THEN 'year_end'
                         ELSE 'entry' END AS what
               FROM new_entries n
              ORDER BY 1, 2, 3) written;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER check_fund_accepts_entry AFTER INSERT ON journal_entries
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION check_fund_accepts_entry();
