-- Keeps the organisation's logo (PNG, JPEG or SVG, at most 256 KiB; NULL removes it). The type
-- is read from the image's own first bytes, never from a file name, so that what reports embed
-- is what it claims to be.
CREATE OR REPLACE FUNCTION set_organisation_logo(p_logo bytea, p_actor text DEFAULT NULL)
RETURNS organisation_settings LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    media_type text;
    head text;
    kept organisation_settings;
BEGIN
    IF p_logo IS NOT NULL THEN
        IF octet_length(p_logo) > 262144 THEN
            RAISE EXCEPTION 'logo de % Kio : 256 Kio au plus', octet_length(p_logo) / 1024
                USING ERRCODE = 'FL020', COLUMN = 'logo';
        END IF;
        head := encode(substring(p_logo FROM 1 FOR 8), 'hex');
        media_type := CASE
            WHEN head = '89504e470d0a1a0a' THEN 'image/png'
            WHEN left(head, 6) = 'ffd8ff' THEN 'image/jpeg'
            WHEN encode(substring(p_logo FROM 1 FOR 2048), 'escape') ~ '<svg[\s>]' THEN 'image/svg+xml'
        END;
        IF media_type IS NULL THEN
            RAISE EXCEPTION 'le logo n’est ni une image PNG, ni JPEG, ni SVG'
                USING ERRCODE = 'FL020', COLUMN = 'logo';
        END IF;
    END IF;
    INSERT INTO organisation_settings AS s (logo, logo_type, updated_by)
    VALUES (p_logo, media_type, coalesce(p_actor, session_user))
    ON CONFLICT (singleton) DO UPDATE
       SET logo = EXCLUDED.logo, logo_type = EXCLUDED.logo_type,
           updated_at = now(), updated_by = EXCLUDED.updated_by
    RETURNING * INTO kept;
    RETURN kept;
END
$$;
