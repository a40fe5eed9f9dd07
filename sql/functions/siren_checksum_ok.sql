-- Whether nine digits pass the Luhn check every SIREN passes (a typo in one digit, or two
-- neighbours swapped, fails it).
CREATE OR REPLACE FUNCTION siren_checksum_ok(p_siren text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT sum(CASE WHEN i % 2 = 0 THEN d * 2 - CASE WHEN d * 2 > 9 THEN 9 ELSE 0 END ELSE d END) % 10 = 0
      FROM (SELECT i, substr(p_siren, i, 1)::int AS d FROM generate_series(1, 9) AS i) digits;
$$;
