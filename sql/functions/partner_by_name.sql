CREATE OR REPLACE FUNCTION partner_by_name(p_name text) RETURNS partners
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_partner partners;
BEGIN
    SELECT * INTO found_partner FROM partners WHERE name COLLATE name_key = btrim(p_name);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown partner "%"', p_name USING ERRCODE = 'FL013', TABLE = 'partners', COLUMN = 'name';
    END IF;
    RETURN found_partner;
END
$$;
