-- Rule: a reversal reverses an entry of its own fund and kind, not a reversal, and is not dated
-- before the entry it reverses. (That an entry is reversed at most once is the UNIQUE
-- constraint entry_reversed_once.) Once per INSERT statement, over the reversals it wrote.
CREATE OR REPLACE FUNCTION check_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reversal record;
BEGIN
    SELECT n.value_date, n.fund_id, n.kind, o.id AS original_id, o.value_date AS original_date,
           o.fund_id AS original_fund_id, o.kind AS original_kind, o.reverses_entry_id AS original_reverses
      INTO reversal
      FROM new_entries n JOIN journal_entries o ON o.id = n.reverses_entry_id
     WHERE o.reverses_entry_id IS NOT NULL OR o.fund_id <> n.fund_id OR o.kind <> n.kind
        OR n.value_date < o.value_date
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF reversal.original_reverses IS NOT NULL THEN
        RAISE EXCEPTION 'entry % is itself a reversal and cannot be reversed', reversal.original_id
            USING ERRCODE = 'FL014';
    END IF;
    IF reversal.original_fund_id <> reversal.fund_id OR reversal.original_kind <> reversal.kind THEN
        RAISE EXCEPTION 'a reversal must have the fund and kind of entry %', reversal.original_id
            USING ERRCODE = 'FL014';
    END IF;
    RAISE EXCEPTION 'a reversal of entry % (dated %) cannot be dated %', reversal.original_id,
        reversal.original_date, reversal.value_date USING ERRCODE = 'FL014', COLUMN = 'value_date';
END
$$;

CREATE OR REPLACE TRIGGER check_reversal AFTER INSERT ON journal_entries
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION check_reversal();
