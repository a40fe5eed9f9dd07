-- Sign-out: the session of that token (SHA-256) ends now. Unknown or already ended: nothing to
-- do, and no error (a second sign-out, or one after expiry, is not a fault).
CREATE OR REPLACE FUNCTION end_staff_session(p_token_sha256 text)
RETURNS TABLE (ended boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    WITH ended AS (
        UPDATE staff_sessions s SET revoked_at = clock_timestamp()
         WHERE s.token_sha256 = p_token_sha256 AND s.revoked_at IS NULL
        RETURNING s.id
    )
    SELECT EXISTS (SELECT FROM ended)
$$;
