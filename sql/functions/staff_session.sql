-- The signed-in user of a live session, found by the SHA-256 of the cookie's token: not expired,
-- not ended by sign-out, its user not disabled. No row otherwise.
-- SECURITY DEFINER: nobody but these functions reads staff_sessions (sql/grants.sql).
CREATE OR REPLACE FUNCTION staff_session(p_token_sha256 text)
RETURNS TABLE (email text, role text, expires_at text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT u.email, u.role, to_char(s.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
     WHERE s.token_sha256 = p_token_sha256 AND s.revoked_at IS NULL
       AND s.expires_at > clock_timestamp() AND u.disabled_at IS NULL
$$;
