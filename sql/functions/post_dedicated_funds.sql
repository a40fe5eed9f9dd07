-- One year-end entry of fonds dédiés (close_year): p_amount debited to p_debit and credited to
-- p_credit, in the fund, dated p_on; nothing when the amount is zero.
CREATE OR REPLACE FUNCTION post_dedicated_funds(p_fund_id bigint, p_kind text, p_on date, p_debit text, p_credit text,
                                                p_amount bigint, p_description text, p_actor text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    entry bigint;
BEGIN
    IF p_amount > 0 THEN
        entry := new_entry(p_fund_id, p_kind, p_on, p_description, p_actor);
        INSERT INTO postings (entry_id, account_id, amount) VALUES
            (entry, ledger_account(p_debit, p_fund_id, NULL, NULL), p_amount),
            (entry, ledger_account(p_credit, p_fund_id, NULL, NULL), -p_amount);
    END IF;
END
$$;
