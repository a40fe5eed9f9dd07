-- Disables a staff user: no sign-in from then on, and every session of the user ends now.
-- Unknown or already disabled: FL013.
CREATE OR REPLACE FUNCTION disable_staff_user(p_email text, p_actor text)
RETURNS TABLE (id bigint, email text, role text, created_at text, created_by text,
               disabled_at text, disabled_by text, locked_until text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_id bigint;
BEGIN
    UPDATE staff_users u SET disabled_at = clock_timestamp(), disabled_by = coalesce(p_actor, session_user)
     WHERE u.email = lower(btrim(p_email)) AND u.disabled_at IS NULL
    RETURNING u.id INTO v_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no enabled user "%"', p_email
            USING ERRCODE = 'FL013', TABLE = 'staff_users', COLUMN = 'email';
    END IF;
    UPDATE staff_sessions s SET revoked_at = clock_timestamp()
     WHERE s.user_id = v_id AND s.revoked_at IS NULL;
    RETURN QUERY SELECT * FROM staff_users_list() l WHERE l.id = v_id;
END
$$;
