CREATE OR REPLACE FUNCTION open_fund(p_code text, p_name text, p_audience text, p_opened_on date,
                          p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS funds LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    fund funds;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'open_fund',
        jsonb_build_object('code', p_code, 'name', p_name, 'audience', p_audience, 'opened_on', p_opened_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO fund FROM funds WHERE id = earlier;
        RETURN fund;
    END IF;
    IF EXISTS (SELECT FROM funds WHERE code = upper(btrim(p_code))) THEN
        RAISE EXCEPTION 'fund % already exists', upper(btrim(p_code)) USING ERRCODE = 'FL012', COLUMN = 'code';
    END IF;
    -- A fund opened after a closing starts with the books closed as far as every other fund's.
    INSERT INTO funds (code, name, audience, opened_on, books_closed_through)
    VALUES (upper(btrim(p_code)), p_name, p_audience, p_opened_on, (SELECT max(closed_through) FROM period_closures))
    RETURNING * INTO fund;
    PERFORM ledger_account('512000', fund.id, NULL, NULL);
    PERFORM ledger_account('740000', fund.id, NULL, NULL);
    PERFORM complete_idempotency_key(p_idempotency_key, fund.id);
    RETURN fund;
END
$$;
