-- Records a staff user of the web screens: e-mail (kept in lower case), role and the bcrypt hash
-- of the password (the password itself never reaches the database). An e-mail already known,
-- enabled or disabled, is refused (FL012): a disabled user stays what `web:<email>` names.
CREATE OR REPLACE FUNCTION add_staff_user(p_email text, p_role text, p_password_hash text, p_actor text)
RETURNS TABLE (id bigint, email text, role text, created_at text, created_by text,
               disabled_at text, disabled_by text, locked_until text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_email text := lower(btrim(p_email));
    v_id bigint;
BEGIN
    IF p_role IS NULL OR p_role NOT IN ('reader', 'clerk', 'admin') THEN
        RAISE EXCEPTION 'role "%" is not one of reader, clerk, admin', p_role
            USING ERRCODE = 'FL020', COLUMN = 'role';
    END IF;
    IF v_email IS NULL OR v_email !~ '^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$' OR length(v_email) > 254 THEN
        RAISE EXCEPTION 'not an e-mail address: "%"', p_email
            USING ERRCODE = 'FL020', COLUMN = 'email';
    END IF;
    IF p_password_hash IS NULL OR p_password_hash !~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$' THEN
        RAISE EXCEPTION 'the password must be given as a bcrypt hash'
            USING ERRCODE = 'FL020', COLUMN = 'password';
    END IF;
    IF EXISTS (SELECT FROM staff_users u WHERE u.email = v_email) THEN
        RAISE EXCEPTION 'a user "%" already exists', v_email
            USING ERRCODE = 'FL012', TABLE = 'staff_users', COLUMN = 'email';
    END IF;
    INSERT INTO staff_users (email, role, password_hash, created_by)
    VALUES (v_email, p_role, p_password_hash, coalesce(p_actor, session_user))
    RETURNING staff_users.id INTO v_id;
    RETURN QUERY SELECT * FROM staff_users_list() l WHERE l.id = v_id;
END
$$;
