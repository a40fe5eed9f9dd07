CREATE OR REPLACE FUNCTION require_positive_amount(p_amount bigint) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount > 100000000000000 THEN
        RAISE EXCEPTION 'amount must be between 1 cent and 1 000 000 000 000,00 €, got % cents', p_amount
            USING ERRCODE = 'FL020', COLUMN = 'amount';
    END IF;
END
$$;
