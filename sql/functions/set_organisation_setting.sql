-- Keeps one of the organisation's settings: 'organisation' (its name, as reports print it) or
-- 'siren' (nine digits whose Luhn sum is a multiple of 10, as INSEE issues them). NULL clears it.
-- Answers the whole row. Messages in French: the staff member who typed the value reads them.
CREATE OR REPLACE FUNCTION set_organisation_setting(p_key text, p_value text, p_actor text DEFAULT NULL)
RETURNS organisation_settings LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    kept organisation_settings;
BEGIN
    IF p_key = 'siren' AND p_value IS NOT NULL THEN
        IF p_value !~ '^[0-9]{9}$' THEN
            RAISE EXCEPTION 'SIREN « % » : neuf chiffres attendus', p_value USING ERRCODE = 'FL020', COLUMN = 'siren';
        ELSIF NOT siren_checksum_ok(p_value) THEN
            RAISE EXCEPTION 'SIREN « % » : la clé de contrôle (Luhn) est fausse, vérifiez le numéro', p_value
                USING ERRCODE = 'FL020', COLUMN = 'siren';
        END IF;
    ELSIF p_key IS NULL OR p_key NOT IN ('organisation', 'siren') THEN
        RAISE EXCEPTION 'réglage inconnu « % » (organisation, siren ou logo)', p_key
            USING ERRCODE = 'FL020', COLUMN = 'key';
    END IF;
    INSERT INTO organisation_settings AS s (name, siren, updated_by)
    VALUES (CASE WHEN p_key = 'organisation' THEN p_value END,
            CASE WHEN p_key = 'siren' THEN p_value END,
            coalesce(p_actor, session_user))
    ON CONFLICT (singleton) DO UPDATE
       SET name  = CASE WHEN p_key = 'organisation' THEN EXCLUDED.name ELSE s.name END,
           siren = CASE WHEN p_key = 'siren' THEN EXCLUDED.siren ELSE s.siren END,
           updated_at = now(), updated_by = EXCLUDED.updated_by
    RETURNING * INTO kept;
    RETURN kept;
END
$$;
