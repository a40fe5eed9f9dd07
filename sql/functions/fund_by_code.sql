-- The fund of that code (case and surrounding spaces ignored); unknown is FL013 naming p_field,
-- the parameter the caller was given the code in ('code' unless said: a reallocation's
-- receiving fund is 'to').
DROP FUNCTION IF EXISTS fund_by_code(text);
CREATE OR REPLACE FUNCTION fund_by_code(p_code text, p_field text DEFAULT 'code') RETURNS funds
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_fund funds;
BEGIN
    SELECT * INTO found_fund FROM funds WHERE code = upper(btrim(p_code));
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown fund "%"', p_code USING ERRCODE = 'FL013', TABLE = 'funds', COLUMN = p_field;
    END IF;
    RETURN found_fund;
END
$$;
