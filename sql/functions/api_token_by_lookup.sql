-- The live token a request presents, found by the lookup part of it; the service compares the
-- secret's SHA-256 itself, in constant time. No row for an unknown or revoked token.
-- SECURITY DEFINER: nobody but this function reads api_tokens (sql/grants.sql).
CREATE OR REPLACE FUNCTION api_token_by_lookup(p_lookup text)
RETURNS TABLE (name text, role text, secret_sha256 text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT t.name::text, t.role, t.secret_sha256 FROM api_tokens t
     WHERE t.lookup = p_lookup AND t.revoked_at IS NULL
$$;
