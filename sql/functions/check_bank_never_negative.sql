-- Rule: a fund's bank account never went below zero on any day. The CHECK on accounts covers
-- today; a payment dated in the past must also fit what the fund held from that day on.
CREATE OR REPLACE FUNCTION check_bank_never_negative() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    overdrawn_account_id bigint;
BEGIN
    -- Most statements take no money out of a bank account (every receipt): nothing to look at.
    IF NOT EXISTS (SELECT FROM new_postings n JOIN accounts a ON a.id = n.account_id
                    WHERE n.amount < 0 AND a.number = '512000') THEN
        RETURN NULL;
    END IF;
    SELECT a.id INTO overdrawn_account_id
      FROM (SELECT n.account_id, min(e.value_date) AS first_day
              FROM new_postings n JOIN journal_entries e ON e.id = n.entry_id
             WHERE n.amount < 0
             GROUP BY n.account_id) out_of_bank
      JOIN accounts a ON a.id = out_of_bank.account_id AND a.number = '512000'
     WHERE EXISTS (
        SELECT FROM (SELECT d.day, sum(sum(d.debits - d.credits)) OVER (ORDER BY d.day) AS held
                       FROM account_daily_totals d WHERE d.account_id = a.id GROUP BY d.day) history
         WHERE history.day >= out_of_bank.first_day AND history.held < 0)
     LIMIT 1;
    IF overdrawn_account_id IS NOT NULL THEN
        RAISE EXCEPTION 'the bank account of fund % would have been below zero after a payment dated in the past',
            (SELECT f.code FROM accounts a JOIN funds f ON f.id = a.fund_id WHERE a.id = overdrawn_account_id)
            USING ERRCODE = 'FL010', TABLE = 'postings', CONSTRAINT = 'bank_balance_never_negative';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER postings_4_check_bank_never_negative AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION check_bank_never_negative();
