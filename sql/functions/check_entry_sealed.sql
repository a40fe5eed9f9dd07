-- Rule: postings join only an entry created in the same transaction, and only while its seal is
-- not yet made (seal_entries seals an entry's postings as one statement: postings added by a later
-- statement would not be in its hash); once recorded, an entry is sealed. Once per INSERT
-- statement on postings.
--
-- The postings rules are separate statement triggers; PostgreSQL fires triggers of one event in
-- the order of their names, hence the step number in each trigger's name:
--   postings_1_check_entry_sealed, postings_2_check_postings_stay_in_fund,
--   postings_3_maintain_cached_totals, postings_4_check_bank_never_negative (reads the totals
--   step 3 wrote), postings_5_check_pledge_never_over_received.
CREATE OR REPLACE FUNCTION check_entry_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sealed_entry_id bigint;
BEGIN
    SELECT e.id INTO sealed_entry_id
      FROM (SELECT DISTINCT entry_id FROM new_postings) n
      JOIN journal_entries e ON e.id = n.entry_id
      LEFT JOIN entry_seals s ON s.entry_id = n.entry_id
     WHERE e.created_in_xact <> pg_current_xact_id() OR s.entry_id IS NOT NULL
     LIMIT 1;
    IF sealed_entry_id IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is sealed: postings cannot be added after it was recorded', sealed_entry_id
            USING ERRCODE = 'FL003', TABLE = 'postings',
                  HINT = 'record a new entry (or a reversal) instead';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER postings_1_check_entry_sealed AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION check_entry_sealed();
