CREATE OR REPLACE FUNCTION add_partner(p_name text, p_country text,
                            p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS partners LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    existing partners;
    partner partners;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'add_partner',
        jsonb_build_object('name', p_name, 'country', p_country));
    IF earlier IS NOT NULL THEN
        SELECT * INTO partner FROM partners WHERE id = earlier;
        RETURN partner;
    END IF;
    SELECT * INTO existing FROM partners
     WHERE name COLLATE name_key = btrim(p_name)
        OR name_skeleton(name) COLLATE name_key = name_skeleton(btrim(p_name))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'partner "%" already exists as "%" (id %)', p_name, existing.name, existing.id
            USING ERRCODE = 'FL012', TABLE = 'partners', COLUMN = 'name', DETAIL = existing.name;
    END IF;
    INSERT INTO partners (name, country) VALUES (p_name, upper(p_country)) RETURNING * INTO partner;
    PERFORM complete_idempotency_key(p_idempotency_key, partner.id);
    RETURN partner;
END
$$;
