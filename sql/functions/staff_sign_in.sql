-- The outcome of a sign-in, once the service has checked the typed password against the hash
-- (p_password_ok). Lock-out is enforced here, whatever the service says:
--   'locked'     the user is locked (5 failures in a row lock it for 15 minutes): no session,
--                even with the right password;
--   'refused'    unknown or disabled e-mail, or a wrong password (which counts a failure and,
--                at the 5th, locks the user);
--   'signed_in'  a session whose token has SHA-256 p_token_sha256, valid 12 hours; failures reset.
-- Never raises for a refusal: the counted failure must be kept (a raise would roll it back).
CREATE OR REPLACE FUNCTION staff_sign_in(p_email text, p_password_ok boolean, p_token_sha256 text)
RETURNS TABLE (outcome text, email text, role text, expires_at text, locked_until text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_user staff_users;
    v_now timestamptz := clock_timestamp();
    v_expires timestamptz := clock_timestamp() + interval '12 hours';
BEGIN
    SELECT * INTO v_user FROM staff_users u
     WHERE u.email = lower(btrim(p_email)) AND u.disabled_at IS NULL
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'refused', NULL::text, NULL::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    IF v_user.locked_until > v_now THEN
        RETURN QUERY SELECT 'locked', v_user.email, v_user.role, NULL::text,
                            to_char(v_user.locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
        RETURN;
    END IF;
    IF NOT coalesce(p_password_ok, false) THEN
        IF v_user.failed_attempts + 1 >= 5 THEN
            UPDATE staff_users u SET failed_attempts = 0, locked_until = v_now + interval '15 minutes'
             WHERE u.id = v_user.id;
            RETURN QUERY SELECT 'locked', v_user.email, v_user.role, NULL::text,
                                to_char((v_now + interval '15 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
        ELSE
            UPDATE staff_users u SET failed_attempts = u.failed_attempts + 1 WHERE u.id = v_user.id;
            RETURN QUERY SELECT 'refused', NULL::text, NULL::text, NULL::text, NULL::text;
        END IF;
        RETURN;
    END IF;
    IF p_token_sha256 IS NULL OR p_token_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'a session needs the SHA-256 of its token'
            USING ERRCODE = 'FL020', COLUMN = 'token';
    END IF;
    UPDATE staff_users u SET failed_attempts = 0, locked_until = NULL WHERE u.id = v_user.id;
    INSERT INTO staff_sessions (user_id, token_sha256, expires_at) VALUES (v_user.id, p_token_sha256, v_expires);
    RETURN QUERY SELECT 'signed_in', v_user.email, v_user.role,
                        to_char(v_expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), NULL::text;
END
$$;
