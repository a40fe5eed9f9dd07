-- Returns the id of the sub-ledger account, creating it on first use.
CREATE OR REPLACE FUNCTION ledger_account(p_number text, p_fund_id bigint, p_donor_id bigint, p_project_id bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    account_id bigint;
BEGIN
    SELECT id INTO account_id FROM accounts
     WHERE number = p_number AND fund_id = p_fund_id
       AND donor_id IS NOT DISTINCT FROM p_donor_id AND project_id IS NOT DISTINCT FROM p_project_id;
    IF account_id IS NULL THEN
        INSERT INTO accounts (number, fund_id, donor_id, project_id)
        VALUES (p_number, p_fund_id, p_donor_id, p_project_id)
        ON CONFLICT ON CONSTRAINT account_unique DO NOTHING
        RETURNING id INTO account_id;
        IF account_id IS NULL THEN  -- created concurrently
            SELECT id INTO account_id FROM accounts
             WHERE number = p_number AND fund_id = p_fund_id
               AND donor_id IS NOT DISTINCT FROM p_donor_id AND project_id IS NOT DISTINCT FROM p_project_id;
        END IF;
    END IF;
    RETURN account_id;
END
$$;
