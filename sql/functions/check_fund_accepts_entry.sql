-- Rule: every journal entry is one its fund accepts on its value date (require_fund_accepts).
CREATE OR REPLACE FUNCTION check_fund_accepts_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM require_fund_accepts(NEW.fund_id, NEW.value_date,
                                 CASE WHEN NEW.kind = 'pledge' AND NEW.reverses_entry_id IS NULL
                                      THEN 'pledge' ELSE 'entry' END);
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER check_fund_accepts_entry BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION check_fund_accepts_entry();
