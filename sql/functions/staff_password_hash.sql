-- The bcrypt hash of an enabled user's password, for the service to check a typed password
-- against; no row for an unknown or disabled e-mail. VOLATILE on purpose: sql/grants.sql then
-- grants it to the writer (the service) only, never to readers.
-- The answer decides nothing: staff_sign_in, called with the outcome, enforces lock-out.
CREATE OR REPLACE FUNCTION staff_password_hash(p_email text)
RETURNS TABLE (password_hash text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT u.password_hash FROM staff_users u
     WHERE u.email = lower(btrim(p_email)) AND u.disabled_at IS NULL
$$;
