-- Tamper evidence against a head kept elsewhere (`fundledger verify --head FILE`): verify_entry_chain
-- cannot see a chain rewritten consistently from an edited entry onwards (every hash recomputed),
-- but the entry a kept head names must still be at the same place of its fund's chain with the
-- same hash. One row per kept head (fund id, position, entry id, hash in hex) that the chain no
-- longer holds: 'chaîne réécrite' (another entry or hash at that place) or 'chaîne raccourcie'
-- (the chain no longer reaches that place). A chain that grew since is sound.
CREATE OR REPLACE FUNCTION verify_entry_chain_head(p_fund_ids bigint[], p_positions bigint[], p_entry_ids bigint[],
                                                   p_hashes text[])
RETURNS TABLE (problem text, subject text, expected text, actual text, fund_code text, entry_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT CASE WHEN s.entry_id IS NULL THEN 'chaîne raccourcie' ELSE 'chaîne réécrite' END,
           'écriture ' || k.entry_id || ' du fonds ' || coalesce(f.code, '#' || k.fund_id) || ', rang ' || k.position
           || ' de sa chaîne (tête conservée)',
           'écriture ' || k.entry_id || ', empreinte ' || lower(k.hash),
           CASE WHEN s.entry_id IS NULL THEN 'la chaîne s’arrête au rang ' || coalesce(
                    (SELECT max(x.position) FROM entry_seals x WHERE x.fund_id = k.fund_id), 0)
                ELSE 'écriture ' || s.entry_id || ', empreinte ' || encode(s.hash, 'hex') END,
           coalesce(f.code, '#' || k.fund_id), k.entry_id
      FROM unnest(p_fund_ids, p_positions, p_entry_ids, p_hashes) AS k (fund_id, position, entry_id, hash)
      LEFT JOIN entry_seals s ON s.fund_id = k.fund_id AND s.position = k.position
      LEFT JOIN funds f ON f.id = k.fund_id
     WHERE s.entry_id IS DISTINCT FROM k.entry_id OR encode(s.hash, 'hex') IS DISTINCT FROM lower(k.hash)
     ORDER BY k.fund_id
$$;
