-- Rule: restricted money stays in its fund: every posting is on an account of its entry's fund.
CREATE OR REPLACE FUNCTION check_postings_stay_in_fund() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    crossing_entry_id bigint;
BEGIN
    SELECT n.entry_id INTO crossing_entry_id
      FROM new_postings n
      JOIN journal_entries e ON e.id = n.entry_id
      JOIN accounts a ON a.id = n.account_id
     WHERE a.fund_id <> e.fund_id
     LIMIT 1;
    IF crossing_entry_id IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % posts to an account of another fund', crossing_entry_id
            USING ERRCODE = 'FL005', TABLE = 'postings',
                  HINT = 'a gift is restricted to its fund: move money only through that fund''s own accounts';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER postings_2_check_postings_stay_in_fund AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION check_postings_stay_in_fund();
