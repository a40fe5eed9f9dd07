-- Rule: every journal entry balances. Checked at commit, once per entry: at least two postings,
-- summing to zero.
CREATE OR REPLACE FUNCTION check_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    lines integer;
BEGIN
    SELECT coalesce(sum(amount), 0), count(*) INTO total, lines FROM postings WHERE entry_id = NEW.id;
    IF lines < 2 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: % posting(s) summing to % cents', NEW.id, lines, total
            USING ERRCODE = 'FL001', TABLE = 'postings',
                  HINT = 'debits (positive) and credits (negative) of an entry must sum to zero';
    END IF;
    RETURN NULL;
END
$$;

-- A constraint trigger cannot be replaced in place: dropped and created again, in the same
-- transaction as the rest of the migration, so no entry is ever written without it.
DROP TRIGGER IF EXISTS check_entry_balances ON journal_entries;
CREATE CONSTRAINT TRIGGER check_entry_balances AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_entry_balances();
