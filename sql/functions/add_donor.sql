CREATE OR REPLACE FUNCTION add_donor(p_name text, p_kind text, p_siren text,
                          p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS donors LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    existing donors;
    donor donors;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'add_donor',
        jsonb_build_object('name', p_name, 'kind', p_kind, 'siren', p_siren));
    IF earlier IS NOT NULL THEN
        SELECT * INTO donor FROM donors WHERE id = earlier;
        RETURN donor;
    END IF;
    -- The same collectivité: equal ignoring case, accents and punctuation, or written with
    -- look-alike letters of another script (name_skeleton).
    SELECT * INTO existing FROM donors
     WHERE name COLLATE name_key = btrim(p_name)
        OR name_skeleton(name) COLLATE name_key = name_skeleton(btrim(p_name))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'donor "%" already exists as "%" (id %)', p_name, existing.name, existing.id
            USING ERRCODE = 'FL012', TABLE = 'donors', COLUMN = 'name', DETAIL = existing.name,
                  HINT = 'names that differ only by case, accents or punctuation are the same collectivité';
    END IF;
    INSERT INTO donors (name, kind, siren) VALUES (p_name, coalesce(p_kind, 'commune'), p_siren)
    RETURNING * INTO donor;
    PERFORM complete_idempotency_key(p_idempotency_key, donor.id);
    RETURN donor;
END
$$;
