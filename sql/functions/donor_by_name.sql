CREATE OR REPLACE FUNCTION donor_by_name(p_name text) RETURNS donors
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_donor donors;
BEGIN
    SELECT * INTO found_donor FROM donors WHERE name COLLATE name_key = btrim(p_name);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown donor "%"', p_name USING ERRCODE = 'FL013', TABLE = 'donors', COLUMN = 'name';
    END IF;
    RETURN found_donor;
END
$$;
