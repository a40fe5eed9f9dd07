-- Revokes the live token of that name: it opens nothing from then on. Unknown or already
-- revoked: FL013.
CREATE OR REPLACE FUNCTION revoke_api_token(p_name text, p_actor text)
RETURNS TABLE (id bigint, name text, role text, created_at text, created_by text,
               revoked_at text, revoked_by text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    token api_tokens;
BEGIN
    UPDATE api_tokens t SET revoked_at = clock_timestamp(), revoked_by = coalesce(p_actor, session_user)
     WHERE t.name COLLATE name_key = btrim(p_name) AND t.revoked_at IS NULL
    RETURNING * INTO token;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no live token named "%"', p_name
            USING ERRCODE = 'FL013', TABLE = 'api_tokens', COLUMN = 'name';
    END IF;
    -- As every token function lists a token (api_tokens_list: no lookup, no digest).
    RETURN QUERY SELECT * FROM api_tokens_list() l WHERE l.id = token.id;
END
$$;
