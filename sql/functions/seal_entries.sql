-- Rule: every entry is sealed in its fund's chain as soon as its postings are written (tamper
-- evidence, issue 16). Once per INSERT statement on postings, after the other postings rules
-- (the step number in the trigger's name: see check_entry_sealed); set-based, so that the import's
-- million entries are chained by one statement, as a single contribution is.
--
-- Why here: an entry is complete when its postings are, and every writer inserts an entry's
-- postings in one statement (check_entry_sealed refuses postings for an entry already sealed), so
-- the seal covers exactly what the entry holds. An entry written behind the triggers' back (or
-- without postings) stays unsealed, and `verify` names it.
--
-- Why the lock: each fund's row in entry_chain_heads is locked (fund id order: a reallocation
-- seals two funds) and held to commit, so that two concurrent transactions cannot both link to
-- the same predecessor; the next one waits, then reads the head this one committed. Every entry
-- already locks its accounts before this step (maintain_cached_totals), so the head is the last
-- lock a writer takes and adds no queue of its own beside the fund's bank row.
-- The canonical form and the hash: migration 0019 (entry_seal_content, entry_chain_hash).
CREATE OR REPLACE FUNCTION seal_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fund_ids bigint[];
    locked bigint;
BEGIN
    SELECT array_agg(DISTINCT e.fund_id ORDER BY e.fund_id) INTO fund_ids
      FROM journal_entries e WHERE e.id IN (SELECT p.entry_id FROM new_postings p);
    PERFORM 1 FROM entry_chain_heads h WHERE h.fund_id = ANY (fund_ids) ORDER BY h.fund_id FOR NO KEY UPDATE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < cardinality(fund_ids) THEN
        -- A fund's first entry: its head is created (a concurrent first entry waits here), then locked.
        INSERT INTO entry_chain_heads (fund_id) SELECT unnest(fund_ids) ORDER BY 1 ON CONFLICT (fund_id) DO NOTHING;
        PERFORM 1 FROM entry_chain_heads h WHERE h.fund_id = ANY (fund_ids) ORDER BY h.fund_id FOR NO KEY UPDATE;
    END IF;

    -- The new entries of each fund follow its head, in id order (an import's line order).
    -- Each entry's postings in id order: string_agg as a window function, whose input order is the
    -- window's (guaranteed), one sort for every entry of the statement (string_agg(… ORDER BY p.id)
    -- sorts each entry's postings apart: twice as slow on an import).
    WITH posted AS (
        SELECT p.entry_id, p.postings
          FROM (SELECT p.entry_id, row_number() OVER w AS n,
                       string_agg(entry_seal_posting(p.id, p.account_id, a.number, a.fund_id, a.donor_id, a.project_id,
                                                     p.amount, p.pledge_id, p.milestone_id), '') OVER w AS postings
                  FROM new_postings p JOIN accounts a ON a.id = p.account_id
                WINDOW w AS (PARTITION BY p.entry_id ORDER BY p.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) p
         WHERE p.n = 1
    ), chained AS (
        SELECT e.id AS entry_id, e.fund_id,
               h.position + row_number() OVER w AS position,
               coalesce(lag(e.id) OVER w, h.entry_id) AS previous_entry_id,
               entry_chain_hash(h.hash, entry_seal_content(e.id, e.fund_id, e.kind, e.value_date, e.reverses_entry_id,
                                                           e.recorded_at, e.recorded_by, e.db_user, e.description,
                                                           posted.postings)) OVER w AS hash
          FROM posted
          JOIN journal_entries e ON e.id = posted.entry_id
          JOIN entry_chain_heads h ON h.fund_id = e.fund_id
        WINDOW w AS (PARTITION BY e.fund_id ORDER BY e.id ROWS UNBOUNDED PRECEDING)
    ), sealed AS (
        INSERT INTO entry_seals (entry_id, fund_id, position, previous_entry_id, hash)
        SELECT c.entry_id, c.fund_id, c.position, c.previous_entry_id, c.hash FROM chained c
        RETURNING entry_seals.fund_id, entry_seals.entry_id, entry_seals.position, entry_seals.hash
    )
    UPDATE entry_chain_heads h
       SET entry_id = last.entry_id, position = last.position, hash = last.hash
      FROM (SELECT DISTINCT ON (s.fund_id) s.fund_id, s.entry_id, s.position, s.hash
              FROM sealed s ORDER BY s.fund_id, s.position DESC) last
     WHERE h.fund_id = last.fund_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER postings_6_seal_entries AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION seal_entries();
