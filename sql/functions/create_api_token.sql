-- Records a token of the HTTP service: its name, its role and the SHA-256 of its secret (the
-- secret itself never reaches the database). A live token of the same name is refused (FL012).
CREATE OR REPLACE FUNCTION create_api_token(p_name text, p_role text, p_lookup text, p_secret_sha256 text,
                                            p_actor text)
RETURNS TABLE (id bigint, name text, role text, created_at text, created_by text,
               revoked_at text, revoked_by text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    token api_tokens;
BEGIN
    IF p_role IS NULL OR p_role NOT IN ('reader', 'clerk', 'admin') THEN
        RAISE EXCEPTION 'role "%" is not one of reader, clerk, admin', p_role
            USING ERRCODE = 'FL020', COLUMN = 'role';
    END IF;
    IF EXISTS (SELECT FROM api_tokens t WHERE t.name COLLATE name_key = btrim(p_name) AND t.revoked_at IS NULL) THEN
        RAISE EXCEPTION 'a token named "%" already exists; revoke it first', p_name
            USING ERRCODE = 'FL012', TABLE = 'api_tokens', COLUMN = 'name';
    END IF;
    INSERT INTO api_tokens (name, role, lookup, secret_sha256, created_by)
    VALUES (btrim(p_name), p_role, p_lookup, p_secret_sha256, coalesce(p_actor, session_user))
    RETURNING * INTO token;
    -- As every token function lists a token (api_tokens_list: no lookup, no digest).
    RETURN QUERY SELECT * FROM api_tokens_list() l WHERE l.id = token.id;
END
$$;
