-- Tamper evidence: each fund's chain of seals (0019, seal_entries) recomputed from the journal in
-- one pass. Each entry's hash is recomputed from its own content and the hash stored in the seal
-- before it (lag over the chain's order), so one pass suffices and an edit shows at the entry
-- edited, not at every entry after it. Per fund and kind of problem, the first entry in chain
-- order is named (with how many more there are):
--   'contenu d’écriture modifié'   the entry, its postings or their accounts are not what was sealed
--                                  (amount, label, date, recorded_at, recorded_by, a posting added or
--                                  removed…): expected the sealed hash, found the recomputed one;
--   'écriture non scellée'          an entry no seal covers (written behind the triggers' back);
--   'écriture scellée disparue'     a seal whose entry is no longer in the journal;
--   'chaîne rompue'                 a seal not linked to the one before it (a removed or inserted
--                                  seal, a fork);
--   'tête de chaîne différente'     the fund's head (entry_chain_heads) is not its last seal.
-- What this cannot see: a whole chain recomputed consistently after an edit. Only a head kept
-- outside the database shows that (`fundledger verify --head FILE`, verify_entry_chain_head).
-- Its own function, beside verify_ledger (LedgerReader.verify reads both).
CREATE OR REPLACE FUNCTION verify_entry_chain()
RETURNS TABLE (problem text, subject text, expected text, actual text, fund_code text, entry_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    WITH content AS (
        SELECT e.id, e.fund_id,
               entry_seal_content(e.id, e.fund_id, e.kind, e.value_date, e.reverses_entry_id, e.recorded_at,
                                  e.recorded_by, e.db_user, e.description, p.postings) AS content
          FROM journal_entries e
          -- Each entry's postings in id order, as seal_entries reads them (a window: one sort).
          LEFT JOIN (SELECT p.entry_id, p.postings
                       FROM (SELECT p.entry_id, row_number() OVER w AS n,
                                    string_agg(entry_seal_posting(p.id, p.account_id, a.number, a.fund_id, a.donor_id,
                                                                  a.project_id, p.amount, p.pledge_id, p.milestone_id),
                                               '') OVER w AS postings
                               FROM postings p JOIN accounts a ON a.id = p.account_id
                             WINDOW w AS (PARTITION BY p.entry_id ORDER BY p.id
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) p
                      WHERE p.n = 1) p ON p.entry_id = e.id
    ), chain AS (
        SELECT s.fund_id, s.position, s.entry_id, s.previous_entry_id, s.hash,
               lag(s.entry_id) OVER w AS chain_previous_id,
               lag(s.position) OVER w AS chain_previous_position,
               lag(s.hash) OVER w AS chain_previous_hash,
               -- Not linked to the seal before it: a removed or inserted seal, a fork.
               s.position <> coalesce(lag(s.position) OVER w, 0) + 1
                   OR s.previous_entry_id IS DISTINCT FROM lag(s.entry_id) OVER w AS broken,
               lead(s.position) OVER w IS NULL AS last_of_fund
          FROM entry_seals s
        WINDOW w AS (PARTITION BY s.fund_id ORDER BY s.position)
    ), findings AS (
        SELECT c.fund_id, c.position, c.entry_id,
               CASE WHEN x.id IS NULL THEN 'écriture scellée disparue'
                    WHEN c.broken THEN 'chaîne rompue'
                    ELSE 'contenu d’écriture modifié' END AS problem,
               CASE WHEN x.id IS NULL THEN 'écriture ' || c.entry_id
                    WHEN c.broken
                    THEN 'rang ' || (coalesce(c.chain_previous_position, 0) + 1)
                         || coalesce(' après l’écriture ' || c.chain_previous_id, ', premier de la chaîne')
                    ELSE encode(c.hash, 'hex') END AS expected,
               CASE WHEN x.id IS NULL THEN 'aucune'
                    WHEN c.broken
                    THEN 'rang ' || c.position || coalesce(' après l’écriture ' || c.previous_entry_id, ', sans précédente')
                    ELSE encode(r.hash, 'hex') END AS actual
          FROM chain c LEFT JOIN content x ON x.id = c.entry_id
          -- The entry's hash recomputed from its content and the hash stored in the seal before it.
         CROSS JOIN LATERAL (SELECT sha256(coalesce(c.chain_previous_hash, ''::bytea) || x.content) AS hash) r
         WHERE x.id IS NULL OR x.fund_id <> c.fund_id OR c.broken OR r.hash <> c.hash
        UNION ALL
        SELECT x.fund_id, NULL, x.id, 'écriture non scellée', 'un sceau', 'aucun'
          FROM content x WHERE NOT EXISTS (SELECT FROM entry_seals s WHERE s.entry_id = x.id)
        UNION ALL
        SELECT coalesce(h.fund_id, l.fund_id), l.position, l.entry_id, 'tête de chaîne différente',
               'rang ' || coalesce(l.position, 0) || ', écriture ' || coalesce(l.entry_id::text, 'aucune'),
               'rang ' || coalesce(h.position, 0) || ', écriture ' || coalesce(h.entry_id::text, 'aucune')
          FROM entry_chain_heads h
          FULL JOIN (SELECT c.fund_id, c.position, c.entry_id, c.hash FROM chain c WHERE c.last_of_fund) l
            ON l.fund_id = h.fund_id
         WHERE h.position IS DISTINCT FROM coalesce(l.position, 0) OR h.entry_id IS DISTINCT FROM l.entry_id
            OR h.hash IS DISTINCT FROM coalesce(l.hash, ''::bytea)
    )
    SELECT f.problem,
           coalesce('écriture ' || f.entry_id || ' du fonds ', 'fonds ') || coalesce(fu.code, '#' || f.fund_id)
           || coalesce(', rang ' || f.position || ' de sa chaîne', '')
           || CASE WHEN f.others > 0 THEN ' (et ' || f.others || ' autre' || CASE WHEN f.others > 1 THEN 's' ELSE '' END
                                          || ' après elle)' ELSE '' END,
           f.expected, f.actual, coalesce(fu.code, '#' || f.fund_id), f.entry_id
      FROM (SELECT DISTINCT ON (g.fund_id, g.problem) g.*, count(*) OVER (PARTITION BY g.fund_id, g.problem) - 1 AS others
              FROM findings g ORDER BY g.fund_id, g.problem, g.position NULLS LAST, g.entry_id) f
      LEFT JOIN funds fu ON fu.id = f.fund_id
     ORDER BY f.fund_id, f.problem
$$;
