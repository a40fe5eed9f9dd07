-- FundLedger 0019: tamper evidence (issue 16, part 7). Each journal entry is sealed by a hash
-- chained over the previous entry of its fund, so that an edit made behind the triggers' back (a
-- superuser with session_replication_role = replica, a restored and doctored dump) is seen by
-- `fundledger verify`, and a whole chain rewritten consistently is seen against a head kept
-- elsewhere (`fundledger verify --print-head`, later `--head FILE`).
--
-- The canonical form and the hash are defined here, in a migration, and not in sql/functions:
-- every stored seal depends on them, so they must never change by a re-applied file. A new form
-- is a new migration that re-seals every chain (and a new version tag below).
--
-- Canonical form of an entry, version 1 (the bytes of the UTF-8 text; US = 0x1F between fields,
-- RS = 0x1E before each posting; NULL is the empty field; integers in decimal):
--   'FL-ENTRY-1' US id US fund_id US kind US value_date (YYYY-MM-DD) US reverses_entry_id
--     US recorded_at (UTC, YYYY-MM-DDTHH:MI:SS.uuuuuuZ) US recorded_by US db_user US description
--   then, for each of its postings in id order:
--   RS id US account_id US account number US account fund_id US account donor_id
--     US account project_id US amount (signed cents) US pledge_id US milestone_id
-- Typed texts (description, recorded_by) are clean_text, which forbids control characters, so
-- neither separator can appear inside a field.
-- hash(entry) = sha256(hash(previous entry of the fund) || canonical form); the first entry of a
-- fund has no previous hash (the empty string).
-- Both SQL functions are STABLE, as their bodies are (text || bigint is): PostgreSQL inlines them
-- into the queries that call them only then; an IMMUTABLE label would make each call a function
-- call, several times slower on an import.
-- The text is explicit where a setting could change it: to_char for dates and times (not DateStyle
-- nor TimeZone), decimal integers.
CREATE FUNCTION entry_seal_posting(p_id bigint, p_account_id bigint, p_number text, p_account_fund_id bigint,
                                   p_donor_id bigint, p_project_id bigint, p_amount bigint, p_pledge_id bigint,
                                   p_milestone_id bigint)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT E'\x1e' || p_id || E'\x1f' || p_account_id || E'\x1f' || p_number || E'\x1f' || p_account_fund_id
           || E'\x1f' || coalesce(p_donor_id::text, '') || E'\x1f' || coalesce(p_project_id::text, '')
           || E'\x1f' || p_amount || E'\x1f' || coalesce(p_pledge_id::text, '')
           || E'\x1f' || coalesce(p_milestone_id::text, '')
$$;

-- p_postings: the entry's entry_seal_posting texts concatenated in posting id order.
CREATE FUNCTION entry_seal_content(p_id bigint, p_fund_id bigint, p_kind text, p_value_date date,
                                   p_reverses_entry_id bigint, p_recorded_at timestamptz, p_recorded_by text,
                                   p_db_user text, p_description text, p_postings text)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT convert_to('FL-ENTRY-1' || E'\x1f' || p_id || E'\x1f' || p_fund_id || E'\x1f' || p_kind
           || E'\x1f' || to_char(p_value_date::timestamp, 'YYYY-MM-DD') || E'\x1f' || coalesce(p_reverses_entry_id::text, '')
           || E'\x1f' || to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
           || E'\x1f' || p_recorded_by || E'\x1f' || p_db_user || E'\x1f' || p_description
           || coalesce(p_postings, ''), 'UTF8')
$$;

-- The chain as an aggregate, so that sealing many entries (the import, this migration) is one
-- statement: entry_chain_hash(seed, content) OVER (PARTITION BY fund ORDER BY position) gives
-- each entry's hash, seed being the hash the fund's chain had before (empty for a new chain).
CREATE FUNCTION entry_chain_step(p_state bytea, p_seed bytea, p_content bytea)
RETURNS bytea LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN sha256(coalesce(p_state, p_seed) || p_content);
END
$$;
CREATE AGGREGATE entry_chain_hash(bytea, bytea) (SFUNC = entry_chain_step, STYPE = bytea);

-- One seal per entry, in its fund's chain. No foreign keys: they would cost a look-up per sealed
-- row (a million for a large import), and `verify` checks every seal against its entry anyway.
CREATE TABLE entry_seals (
    entry_id          bigint PRIMARY KEY,
    fund_id           bigint NOT NULL,
    -- 1 for the fund's first entry, then one more for each entry: the chain's order.
    position          bigint NOT NULL CONSTRAINT entry_seal_position_positive CHECK (position >= 1),
    previous_entry_id bigint,
    hash              bytea NOT NULL CONSTRAINT entry_seal_hash_length CHECK (length(hash) = 32),
    -- Two entries cannot take the same place in a chain (no fork), whatever the locks.
    CONSTRAINT entry_seal_position_unique UNIQUE (fund_id, position)
);

-- Each fund's chain head (its last seal): the row every sealing transaction locks, so that two
-- concurrent commits cannot both link to the same predecessor. Updated once per statement that
-- seals; a low fillfactor keeps its versions on their page (HOT), as for accounts (0018).
CREATE TABLE entry_chain_heads (
    fund_id           bigint PRIMARY KEY REFERENCES funds,
    entry_id          bigint,
    position          bigint NOT NULL DEFAULT 0,
    hash              bytea NOT NULL DEFAULT ''::bytea
) WITH (fillfactor = 10);

-- Existing entries, sealed in id order per fund.
INSERT INTO entry_seals (entry_id, fund_id, position, previous_entry_id, hash)
SELECT c.id, c.fund_id,
       row_number() OVER w,
       lag(c.id) OVER w,
       entry_chain_hash(''::bytea, c.content) OVER w
  FROM (SELECT e.id, e.fund_id,
               entry_seal_content(e.id, e.fund_id, e.kind, e.value_date, e.reverses_entry_id, e.recorded_at,
                                  e.recorded_by, e.db_user, e.description, p.postings) AS content
          FROM journal_entries e
          LEFT JOIN (SELECT p.entry_id, p.postings
                       FROM (SELECT p.entry_id, row_number() OVER w AS n,
                                    string_agg(entry_seal_posting(p.id, p.account_id, a.number, a.fund_id, a.donor_id,
                                                                  a.project_id, p.amount, p.pledge_id, p.milestone_id),
                                               '') OVER w AS postings
                               FROM postings p JOIN accounts a ON a.id = p.account_id
                             WINDOW w AS (PARTITION BY p.entry_id ORDER BY p.id
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) p
                      WHERE p.n = 1) p ON p.entry_id = e.id) c
WINDOW w AS (PARTITION BY c.fund_id ORDER BY c.id ROWS UNBOUNDED PRECEDING);

INSERT INTO entry_chain_heads (fund_id, entry_id, position, hash)
SELECT f.id, s.entry_id, coalesce(s.position, 0), coalesce(s.hash, ''::bytea)
  FROM funds f
  LEFT JOIN (SELECT DISTINCT ON (s.fund_id) s.fund_id, s.entry_id, s.position, s.hash
               FROM entry_seals s ORDER BY s.fund_id, s.position DESC) s ON s.fund_id = f.id;
