-- Validates (and, with p_post, posts) the lines staged under p_batch. Returns rows of kind:
--   'already_imported'  the file was imported before (import_id, lines, amount, recorded_at, value = file name);
--                       nothing is written;
--   'problem'           one bad line (line, field, value, reason), the first p_max_problems by line;
--   'problem_count'     the number of problems (lines), always present;
--   'fund'              per fund: lines, amount, applied (part paying pledges; 0 without p_post);
--   'import'            the import recorded (import_id), only when posted.
-- Nothing is posted when there is any problem; the caller rolls back.
-- Pledges: as record_contribution, line after line in file order: a line naming a pledge pays
-- that pledge only (what it still expects), a line naming none pays the donor's open pledges on
-- the fund, oldest first; the rest of the money goes to 740000.
-- p_idempotency_key (the HTTP service's Idempotency-Key): the same key with other lines is
-- refused (FL409); with the same lines, the file is already imported and nothing is written.
-- (Before issue 11 the function had no p_idempotency_key: that signature is dropped.)
DROP FUNCTION IF EXISTS import_contributions(uuid, text, text, boolean, text, integer);
CREATE OR REPLACE FUNCTION import_contributions(p_batch uuid, p_file_sha256 text, p_file_name text, p_post boolean,
                                     p_actor text DEFAULT NULL, p_max_problems integer DEFAULT 50,
                                     p_idempotency_key text DEFAULT NULL)
RETURNS TABLE (kind text, line integer, field text, value text, reason text, fund text,
               lines bigint, amount bigint, applied bigint, import_id bigint, recorded_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET client_min_messages = warning AS $$
#variable_conflict use_column
DECLARE
    earlier imports;
    new_import imports;
    problems bigint;
    line_count bigint;
    line_total bigint;
    content_digest text;
    entry_seq regclass := pg_get_serial_sequence('journal_entries', 'id')::regclass;
    contribution_seq regclass := pg_get_serial_sequence('contributions', 'id')::regclass;
BEGIN
    DROP TABLE IF EXISTS pg_temp.import_staged, pg_temp.import_work, pg_temp.import_problems, pg_temp.import_pledges,
                         pg_temp.import_applied, pg_temp.import_line_pledges;
    -- The batch's lines, moved out of the shared staging table into one of this transaction's own,
    -- and analysed there. Every later statement reads them with their true count and spread:
    -- import_lines' own statistics are whatever autovacuum saw last — usually an empty table,
    -- analysed right after the previous import deleted its lines — and an estimate of one row
    -- there once turned the name look-ups into nested loops rescanning every line for every line
    -- (20 000 lines: 3 s on a fresh ledger, 55 s after one earlier import). The copy is one scan
    -- of the batch by its primary key whatever that estimate, hence linear; ANALYZE of a
    -- temporary table takes no lock another import could wait for.
    CREATE TEMP TABLE import_staged ON COMMIT DROP AS
    SELECT s.line, s.received_on, s.donor, s.fund, s.amount, s.reference, s.pledge_id, s.idempotency_key
      FROM import_lines s WHERE s.batch = p_batch;
    DELETE FROM import_lines s WHERE s.batch = p_batch;
    ANALYZE import_staged;

    -- Two imports of one file at once: the second waits here, then finds the first.
    -- What the lines contain, digested here: the client's digest of its file is not trusted to
    -- say which file this is (a writer could otherwise register a tiny batch under the digest of
    -- the real bank file, which would then be skipped as "already imported").
    SELECT encode(sha256(convert_to(coalesce(string_agg(
               concat_ws(E'\x1f', s.received_on, s.donor, s.fund, s.amount, s.reference, s.pledge_id, s.idempotency_key),
               E'\x1e' ORDER BY s.line), ''), 'UTF8')), 'hex')
      INTO content_digest FROM import_staged s;
    -- Two imports of the same lines at once: the second waits here, then finds the first.
    PERFORM pg_advisory_xact_lock(hashtext('fundledger.import:' || content_digest));
    SELECT * INTO earlier FROM imports i WHERE i.content_sha256 = content_digest;
    IF FOUND THEN
        RETURN QUERY SELECT 'already_imported'::text, NULL::integer, NULL::text, earlier.file_name::text,
                            NULL::text, NULL::text, earlier.lines::bigint, earlier.total, NULL::bigint,
                            earlier.id, earlier.recorded_at;
        RETURN;
    END IF;
    -- Lines never imported: a key already used (for other lines) is refused; a new key is kept.
    IF p_post THEN
        PERFORM claim_idempotency_key(p_idempotency_key, 'import_contributions',
                                      jsonb_build_object('content_sha256', content_digest));
    END IF;

    -- Names resolved once per distinct spelling (a file names a few dozen donors), then joined back.
    -- Ids are drawn from the tables' own identity sequences, in line order, so that each line knows
    -- its entry and contribution before the INSERTs (INSERT … RETURNING cannot say which line a row
    -- came from); when nothing is posted the numbers are simply skipped, as after any rollback.
    CREATE TEMP TABLE import_work ON COMMIT DROP AS
    WITH donor_names AS (
        SELECT n.donor AS given, d.id AS donor_id, d.name::text AS donor_name
          FROM (SELECT DISTINCT s.donor FROM import_staged s) n
          LEFT JOIN donors d ON d.name COLLATE name_key = btrim(n.donor)
    ), fund_codes AS (
        SELECT n.fund AS given, f.id AS fund_id, f.code AS fund_code
          FROM (SELECT DISTINCT s.fund FROM import_staged s) n
          LEFT JOIN funds f ON f.code = upper(btrim(n.fund))
    )
    SELECT s.line, s.received_on, s.donor AS donor_given, s.fund AS fund_given, s.amount::bigint AS amount,
           s.reference, s.pledge_id, s.idempotency_key,
           dn.donor_id, dn.donor_name, fc.fund_id, fc.fund_code,
           CASE WHEN p_post THEN nextval(entry_seq) END AS entry_id,
           CASE WHEN p_post THEN nextval(contribution_seq) END AS contribution_id
      FROM import_staged s
      JOIN donor_names dn ON dn.given = s.donor
      JOIN fund_codes fc ON fc.given = s.fund
     ORDER BY s.line;
    ANALYZE import_work;

    -- The funds concerned, under the share lock every entry takes (require_fund_accepts): a fund
    -- cannot close while this import checks and posts its lines.
    PERFORM 1 FROM funds f WHERE f.id IN (SELECT DISTINCT w.fund_id FROM import_work w) ORDER BY f.id FOR SHARE;

    CREATE TEMP TABLE import_problems ON COMMIT DROP AS
    SELECT w.line, 'donor'::text AS field, w.donor_given AS value, 'unknown donor'::text AS reason
      FROM import_work w WHERE w.donor_id IS NULL
    UNION ALL
    SELECT w.line, 'fund', w.fund_given, 'unknown fund' FROM import_work w WHERE w.fund_id IS NULL
    UNION ALL
    SELECT w.line, CASE WHEN r.code = 'FL011' THEN 'fund' ELSE 'received_on' END,
           CASE WHEN r.code = 'FL011' THEN w.fund_given ELSE w.received_on::text END, r.reason
      FROM import_work w
      JOIN (SELECT d.fund_id, d.received_on, (fund_refusal(f, d.received_on, 'contribution')).*
              FROM (SELECT DISTINCT x.fund_id, x.received_on FROM import_work x WHERE x.fund_id IS NOT NULL) d
              JOIN funds f ON f.id = d.fund_id) r ON r.fund_id = w.fund_id AND r.received_on = w.received_on
     WHERE r.code IS NOT NULL
    UNION ALL
    SELECT d.line, 'reference', d.reference,
           format('reference already used on line %s for %s', d.first_line, d.donor_name)
      FROM (SELECT w.line, w.reference, w.donor_name,
                   min(w.line) OVER (PARTITION BY w.donor_id, w.reference) AS first_line
              FROM import_work w WHERE w.donor_id IS NOT NULL) d
     WHERE d.line > d.first_line
    UNION ALL
    SELECT w.line, 'reference', w.reference,
           format('reference already recorded for %s (contribution %s of %s)', w.donor_name, c.id, c.received_on)
      FROM import_work w JOIN contributions c ON c.donor_id = w.donor_id AND c.reference = w.reference
    UNION ALL
    SELECT w.line, 'pledge', w.pledge_id::text,
           CASE
               WHEN pl.id IS NULL THEN 'unknown pledge'
               WHEN pl.donor_id <> w.donor_id OR pl.fund_id <> w.fund_id THEN
                   format('pledge %s is a pledge of %s to fund %s, not of %s to %s', pl.id,
                          (SELECT name FROM donors WHERE id = pl.donor_id),
                          (SELECT code FROM funds WHERE id = pl.fund_id), w.donor_name, w.fund_code)
               WHEN pl.pledged_on > w.received_on THEN
                   format('pledge %s was voted on %s: money received on %s cannot pay it', pl.id, pl.pledged_on, w.received_on)
               ELSE format('pledge %s was cancelled', pl.id)
           END
      FROM import_work w LEFT JOIN pledges pl ON pl.id = w.pledge_id
     WHERE w.pledge_id IS NOT NULL AND w.donor_id IS NOT NULL AND w.fund_id IS NOT NULL
       AND (pl.id IS NULL OR pl.donor_id <> w.donor_id OR pl.fund_id <> w.fund_id OR pl.pledged_on > w.received_on
            OR EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = pl.entry_id))
    UNION ALL
    SELECT d.line, 'idempotency_key', d.idempotency_key, format('idempotency key already used on line %s', d.first_line)
      FROM (SELECT w.line, w.idempotency_key, min(w.line) OVER (PARTITION BY w.idempotency_key) AS first_line
              FROM import_work w WHERE w.idempotency_key IS NOT NULL) d
     WHERE d.line > d.first_line
    UNION ALL
    SELECT w.line, 'idempotency_key', w.idempotency_key,
           CASE WHEN k.operation = 'record_contribution' AND k.result_id IS NOT NULL
                THEN format('idempotency key already used (contribution %s)', k.result_id)
                ELSE format('idempotency key already used by %s', k.operation) END
      FROM import_work w JOIN idempotency_keys k ON k.key = w.idempotency_key;

    SELECT count(*) INTO problems FROM import_problems;
    RETURN QUERY SELECT 'problem'::text, p.line, p.field, p.value, p.reason, NULL::text, NULL::bigint,
                        NULL::bigint, NULL::bigint, NULL::bigint, NULL::timestamptz
                   FROM import_problems p ORDER BY p.line, p.field LIMIT greatest(p_max_problems, 0);
    RETURN QUERY SELECT 'problem_count'::text, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text,
                        problems, NULL::bigint, NULL::bigint, NULL::bigint, NULL::timestamptz;

    IF problems > 0 OR NOT p_post THEN
        RETURN QUERY SELECT 'fund'::text, NULL::integer, NULL::text, NULL::text, NULL::text, w.fund_code,
                            count(*), sum(w.amount)::bigint, 0::bigint, NULL::bigint, NULL::timestamptz
                       FROM import_work w GROUP BY w.fund_code ORDER BY w.fund_code;
        RETURN;
    END IF;

    IF (SELECT sum(w.amount) FROM import_work w) > 100000000000000 THEN
        RAISE EXCEPTION 'the file totals % €: more than the ledger accepts in one import (1 000 000 000 000,00 €)',
            (SELECT sum(w.amount) / 100 FROM import_work w) USING ERRCODE = 'FL020', COLUMN = 'amount';
    END IF;
    SELECT count(*), coalesce(sum(w.amount), 0) INTO line_count, line_total FROM import_work w;
    IF line_count = 0 THEN
        RAISE EXCEPTION 'nothing to import' USING ERRCODE = 'FL020';
    END IF;

    -- Pledges: the donors' pledges on the funds concerned, locked first (as record_contribution
    -- does) so that a concurrent receipt cannot fill the same pledge; then, in the next statement
    -- (a snapshot taken after the locks), what each still expects.
    PERFORM 1 FROM pledges pl
     WHERE (pl.donor_id, pl.fund_id) IN (SELECT DISTINCT w.donor_id, w.fund_id FROM import_work w)
     ORDER BY pl.pledged_on, pl.id   -- the order record_contribution locks in: no deadlock between them
       FOR NO KEY UPDATE;
    -- What each expects from the earliest day of its donor's lines on, and still expects on
    -- every later day (pledge_outstanding(pledge, day), as record_contribution reads it): a
    -- receipt reversed after that day does not let a line dated before the reversal take it.
    CREATE TEMP TABLE import_pledges ON COMMIT DROP AS
    SELECT pl.id, pl.donor_id, pl.fund_id, pl.pledged_on,
           EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = pl.entry_id) AS cancelled,
           greatest(pledge_outstanding(pl.id, first.day), 0)::bigint AS outstanding
      FROM pledges pl
      JOIN (SELECT w.donor_id, w.fund_id, min(w.received_on) AS day FROM import_work w
             GROUP BY w.donor_id, w.fund_id) first
        ON first.donor_id = pl.donor_id AND first.fund_id = pl.fund_id;

    -- What each line pays to which pledge: allocate_to_pledges, the rule record_contribution
    -- follows, once per donor and fund with that donor's lines in file order.
    CREATE TEMP TABLE import_applied ON COMMIT DROP AS
    SELECT a.line, a.pledge_id, a.applied
      FROM (SELECT w.donor_id, w.fund_id,
                   array_agg(w.line ORDER BY w.line) AS lines, array_agg(w.amount ORDER BY w.line) AS amounts,
                   array_agg(w.received_on ORDER BY w.line) AS received_on,
                   array_agg(w.pledge_id ORDER BY w.line) AS named
              FROM import_work w GROUP BY w.donor_id, w.fund_id) g
      JOIN (SELECT p.donor_id, p.fund_id,
                   array_agg(p.id ORDER BY p.pledged_on, p.id) AS ids,
                   array_agg(p.outstanding ORDER BY p.pledged_on, p.id) AS outstanding,
                   array_agg(p.pledged_on ORDER BY p.pledged_on, p.id) AS pledged_on,
                   array_agg(p.cancelled ORDER BY p.pledged_on, p.id) AS cancelled
              FROM import_pledges p GROUP BY p.donor_id, p.fund_id) pl
        ON pl.donor_id = g.donor_id AND pl.fund_id = g.fund_id
     CROSS JOIN LATERAL allocate_to_pledges(g.lines, g.amounts, g.received_on, g.named,
                                            pl.ids, pl.outstanding, pl.pledged_on, pl.cancelled) a;

    -- Per line: what it pays to pledges, and the first pledge it pays (oldest first).
    CREATE TEMP TABLE import_line_pledges ON COMMIT DROP AS
    SELECT DISTINCT ON (a.line) a.line, a.pledge_id AS first_pledge,
           sum(a.applied) OVER (PARTITION BY a.line)::bigint AS applied
      FROM import_applied a JOIN import_pledges p ON p.id = a.pledge_id
     WHERE a.applied > 0
     ORDER BY a.line, p.pledged_on, p.id;

    -- Sub-ledger accounts, created when missing (normally they exist since the fund and pledge were recorded).
    INSERT INTO accounts (number, fund_id, donor_id, project_id)
    SELECT DISTINCT n.number, w.fund_id, CASE WHEN n.number = '441700' THEN w.donor_id END, NULL::bigint
      FROM import_work w CROSS JOIN (VALUES ('512000'), ('740000'), ('441700')) n(number)
     WHERE n.number <> '441700' OR EXISTS (SELECT FROM import_line_pledges lp WHERE lp.line = w.line)
    ON CONFLICT ON CONSTRAINT account_unique DO NOTHING;

    INSERT INTO imports (file_sha256, content_sha256, file_name, lines, total, recorded_by)
    SELECT p_file_sha256, content_digest, p_file_name, line_count, line_total, coalesce(p_actor, session_user)
    RETURNING * INTO new_import;
    PERFORM complete_idempotency_key(p_idempotency_key, new_import.id);

    INSERT INTO journal_entries (id, fund_id, kind, value_date, description, recorded_by)
    OVERRIDING SYSTEM VALUE
    SELECT w.entry_id, w.fund_id, 'contribution', w.received_on,
           format('Versement %s — %s (import %s, ligne %s)', w.donor_name, w.reference, new_import.id, w.line),
           coalesce(p_actor, session_user)
      FROM import_work w ORDER BY w.entry_id;

    INSERT INTO contributions (id, donor_id, fund_id, pledge_id, amount, received_on, reference, entry_id)
    OVERRIDING SYSTEM VALUE
    SELECT w.contribution_id, w.donor_id, w.fund_id, coalesce(w.pledge_id, lp.first_pledge),
           w.amount, w.received_on, w.reference, w.entry_id
      FROM import_work w LEFT JOIN import_line_pledges lp ON lp.line = w.line
     ORDER BY w.contribution_id;

    -- Every posting of the import in one statement: the statement trigger runs once.
    INSERT INTO postings (entry_id, account_id, amount, pledge_id)
    WITH lines AS (
        SELECT w.line, w.entry_id, w.fund_id, w.amount, coalesce(w.pledge_id, lp.first_pledge) AS first_pledge,
               w.amount - coalesce(lp.applied, 0) AS remainder
          FROM import_work w LEFT JOIN import_line_pledges lp ON lp.line = w.line
    ), fund_accounts AS (
        SELECT a.fund_id, a.id, a.number FROM accounts a
         WHERE a.number IN ('512000', '740000') AND a.donor_id IS NULL AND a.project_id IS NULL
           AND a.fund_id IN (SELECT DISTINCT w.fund_id FROM import_work w)
    )
    SELECT l.entry_id, bank.id, l.amount, NULL::bigint
      FROM lines l JOIN fund_accounts bank ON bank.fund_id = l.fund_id AND bank.number = '512000'
    UNION ALL
    SELECT w.entry_id, receivable.id, -a.applied, a.pledge_id
      FROM import_applied a
      JOIN import_work w ON w.line = a.line
      JOIN accounts receivable ON receivable.number = '441700' AND receivable.fund_id = w.fund_id
                              AND receivable.donor_id = w.donor_id AND receivable.project_id IS NULL
     WHERE a.applied > 0
    UNION ALL
    SELECT l.entry_id, income.id, -l.remainder, l.first_pledge
      FROM lines l JOIN fund_accounts income ON income.fund_id = l.fund_id AND income.number = '740000'
     WHERE l.remainder > 0;

    -- Keys claimed as record_contribution claims them, so that a later retry of one line through
    -- the API finds the contribution instead of writing it again.
    INSERT INTO idempotency_keys (key, operation, request, result_id)
    SELECT w.idempotency_key, 'record_contribution',
           jsonb_build_object('donor', w.donor_id, 'fund', w.fund_id, 'amount', w.amount, 'on', w.received_on,
                              'pledge', w.pledge_id, 'apply', true, 'reference', w.reference),
           w.contribution_id
      FROM import_work w WHERE w.idempotency_key IS NOT NULL;

    RETURN QUERY SELECT 'fund'::text, NULL::integer, NULL::text, NULL::text, NULL::text, w.fund_code,
                        count(*), sum(w.amount)::bigint, coalesce(sum(lp.applied), 0)::bigint,
                        NULL::bigint, NULL::timestamptz
                   FROM import_work w LEFT JOIN import_line_pledges lp ON lp.line = w.line
                  GROUP BY w.fund_code ORDER BY w.fund_code;
    RETURN QUERY SELECT 'import'::text, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text,
                        line_count, line_total, NULL::bigint, new_import.id, new_import.recorded_at;
END
$$;
