-- Rule: balances and daily totals are derived from postings, and donors' receipts per fund from
-- contributions. Only the triggers that maintain them (maintain_cached_totals,
-- maintain_donor_receipts: they run at trigger depth 1, so their statements arrive here at
-- depth 2) may write them; anyone else is refused.
CREATE OR REPLACE FUNCTION refuse_direct_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION '% is derived from the journal: direct % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'FL004', TABLE = TG_TABLE_NAME,
                  HINT = 'balances change only by inserting a balanced journal entry';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- The same test as a WHEN condition, evaluated before the function would be called (so at one
-- level less: 0 for a direct write, 1 for maintain_cached_totals' statements): the legitimate
-- writes, six rows per contribution, no longer call a plpgsql function at all.
CREATE OR REPLACE TRIGGER account_balance_derived BEFORE UPDATE OF balance ON accounts
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION refuse_direct_write();
CREATE OR REPLACE TRIGGER account_daily_totals_derived BEFORE INSERT OR UPDATE OR DELETE ON account_daily_totals
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION refuse_direct_write();
CREATE OR REPLACE TRIGGER donor_fund_receipts_derived BEFORE INSERT OR UPDATE OR DELETE ON donor_fund_receipts
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION refuse_direct_write();
CREATE OR REPLACE TRIGGER donor_fund_receipts_no_truncate BEFORE TRUNCATE ON donor_fund_receipts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_direct_write();
