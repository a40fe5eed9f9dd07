-- Every staff user, enabled and disabled, without the password hash: e-mail, role, dates
-- (instants as ISO 8601 in UTC, as the token functions give them) and whether it is locked now.
CREATE OR REPLACE FUNCTION staff_users_list()
RETURNS TABLE (id bigint, email text, role text, created_at text, created_by text,
               disabled_at text, disabled_by text, locked_until text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT u.id, u.email, u.role,
           to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), u.created_by,
           to_char(u.disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), u.disabled_by,
           CASE WHEN u.locked_until > clock_timestamp()
                THEN to_char(u.locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END
      FROM staff_users u ORDER BY u.id
$$;
