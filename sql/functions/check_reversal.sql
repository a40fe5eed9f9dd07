-- Rule: a reversal reverses an entry of its own fund and kind, not a reversal, and is not dated
-- before the entry it reverses. (That an entry is reversed at most once is the UNIQUE
-- constraint entry_reversed_once.)
CREATE OR REPLACE FUNCTION check_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    original journal_entries;
BEGIN
    IF NEW.reverses_entry_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT * INTO original FROM journal_entries WHERE id = NEW.reverses_entry_id;
    IF original.reverses_entry_id IS NOT NULL THEN
        RAISE EXCEPTION 'entry % is itself a reversal and cannot be reversed', original.id
            USING ERRCODE = 'FL014';
    END IF;
    IF original.fund_id <> NEW.fund_id OR original.kind <> NEW.kind THEN
        RAISE EXCEPTION 'a reversal must have the fund and kind of entry %', original.id
            USING ERRCODE = 'FL014';
    END IF;
    IF NEW.value_date < original.value_date THEN
        RAISE EXCEPTION 'a reversal of entry % (dated %) cannot be dated %', original.id,
            original.value_date, NEW.value_date USING ERRCODE = 'FL014', COLUMN = 'value_date';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER check_reversal BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION check_reversal();
