-- What a settlement takes out of a fund: p_amount, or all the fund's bank holds when NULL;
-- refused (FL010) when the fund holds nothing or less. The caller holds the bank row's lock.
CREATE OR REPLACE FUNCTION settlement_amount(p_fund funds, p_bank bigint, p_amount bigint, p_kind text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    verb text := CASE p_kind WHEN 'reallocation' THEN 'réaffecter' ELSE 'rembourser' END;
    available bigint;
    taken bigint;
BEGIN
    SELECT balance INTO available FROM accounts WHERE id = p_bank;
    taken := coalesce(p_amount, available);
    IF taken <= 0 THEN
        RAISE EXCEPTION 'le fonds % ne détient rien à %', p_fund.code, verb USING ERRCODE = 'FL010', COLUMN = 'amount';
    END IF;
    IF available < taken THEN
        RAISE EXCEPTION 'le fonds % détient % : il ne peut en % %', p_fund.code, euros(available), verb, euros(taken)
            USING ERRCODE = 'FL010', COLUMN = 'amount', DETAIL = format('available=%s requested=%s', available, taken);
    END IF;
    RETURN taken;
END
$$;
