-- Every token, live and revoked, without its lookup or digest: names, roles and dates
-- (instants as ISO 8601 in UTC, as every token function gives them).
CREATE OR REPLACE FUNCTION api_tokens_list()
RETURNS TABLE (id bigint, name text, role text, created_at text, created_by text,
               revoked_at text, revoked_by text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT t.id, t.name::text, t.role, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.created_by,
           to_char(t.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.revoked_by
      FROM api_tokens t ORDER BY t.id
$$;
