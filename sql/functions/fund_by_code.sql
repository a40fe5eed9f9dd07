CREATE OR REPLACE FUNCTION fund_by_code(p_code text) RETURNS funds
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_fund funds;
BEGIN
    SELECT * INTO found_fund FROM funds WHERE code = upper(btrim(p_code));
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown fund "%"', p_code USING ERRCODE = 'FL013', TABLE = 'funds', COLUMN = 'code';
    END IF;
    RETURN found_fund;
END
$$;
