-- FundLedger 0006: bulk import of bank receipts (fundledger import contributions).
--
-- The client streams the parsed lines of a file with COPY into import_lines (an UNLOGGED
-- staging table, keyed by a batch id the client draws at random), then calls
-- import_contributions() once, in the same transaction. The function validates every line
-- set-based, and when nothing is wrong posts the whole file with one INSERT … SELECT per table:
-- journal entries, contributions, and ALL the postings in ONE statement, so that the postings'
-- statement trigger (seal check, balances, daily totals) runs once. Every invariant of 0001
-- still applies unchanged: the per-entry deferred balance check, append-only tables, closed
-- funds, the bank CHECK, the (donor, reference) uniqueness.
--
-- Idempotency: a file is recorded in imports by its SHA-256; the same file again writes nothing
-- and says when it was imported. A line whose (donor, reference) is already in the ledger, or
-- whose idempotency key was already used, is reported as a bad line, never posted twice.

-- Parsed lines waiting to be posted. Rows live only inside the importing transaction: the
-- function deletes its batch, and a rollback leaves nothing visible. UNLOGGED: nothing here
-- needs crash safety. Its primary key refuses a line number staged twice.
CREATE UNLOGGED TABLE import_lines (
    batch           uuid NOT NULL,
    line            integer NOT NULL,      -- physical line of the file where the record starts
    received_on     date NOT NULL,
    donor           text NOT NULL,
    fund            text NOT NULL,
    amount          positive_cents NOT NULL,
    reference       text NOT NULL,
    pledge_id       bigint,
    idempotency_key text,
    -- One row per line: a duplicated line number would apply one line's pledge money twice.
    PRIMARY KEY (batch, line)
);

-- One row per imported file: what makes a second import of the same file a no-op.
CREATE TABLE imports (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_sha256  text NOT NULL CONSTRAINT import_file_once UNIQUE
                 CONSTRAINT import_sha256_format CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_name    clean_text NOT NULL,
    lines        integer NOT NULL CHECK (lines > 0),
    total        bigint NOT NULL CHECK (total > 0),
    recorded_by  clean_text NOT NULL DEFAULT session_user,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER imports_append_only BEFORE UPDATE OR DELETE ON imports
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER imports_no_truncate BEFORE TRUNCATE ON imports
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

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
CREATE FUNCTION import_contributions(p_batch uuid, p_file_sha256 text, p_file_name text, p_post boolean,
                                     p_actor text DEFAULT NULL, p_max_problems integer DEFAULT 50)
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
    entry_seq regclass := pg_get_serial_sequence('journal_entries', 'id')::regclass;
    contribution_seq regclass := pg_get_serial_sequence('contributions', 'id')::regclass;
    mixed record;
    mixed_line record;
    pledge_ids bigint[];
    pledge_left bigint[];
    left_to_apply bigint;
    taken bigint;
BEGIN
    -- Two imports of one file at once: the second waits here, then finds the first.
    PERFORM pg_advisory_xact_lock(hashtext('fundledger.import:' || p_file_sha256));
    SELECT * INTO earlier FROM imports i WHERE i.file_sha256 = p_file_sha256;
    IF FOUND THEN
        DELETE FROM import_lines s WHERE s.batch = p_batch;
        RETURN QUERY SELECT 'already_imported'::text, NULL::integer, NULL::text, earlier.file_name::text,
                            NULL::text, NULL::text, earlier.lines::bigint, earlier.total, NULL::bigint,
                            earlier.id, earlier.recorded_at;
        RETURN;
    END IF;

    DROP TABLE IF EXISTS pg_temp.import_work, pg_temp.import_problems, pg_temp.import_pledges,
                         pg_temp.import_applied, pg_temp.import_line_pledges;

    -- Names resolved once per distinct spelling (a file names a few dozen donors), then joined back.
    -- Ids are drawn from the tables' own identity sequences, in line order, so that each line knows
    -- its entry and contribution before the INSERTs (INSERT … RETURNING cannot say which line a row
    -- came from); when nothing is posted the numbers are simply skipped, as after any rollback.
    CREATE TEMP TABLE import_work ON COMMIT DROP AS
    WITH donor_names AS (
        SELECT n.donor AS given, d.id AS donor_id, d.name::text AS donor_name
          FROM (SELECT DISTINCT s.donor FROM import_lines s WHERE s.batch = p_batch) n
          LEFT JOIN donors d ON d.name COLLATE name_key = btrim(n.donor)
    ), fund_codes AS (
        SELECT n.fund AS given, f.id AS fund_id, f.code AS fund_code, f.status AS fund_status
          FROM (SELECT DISTINCT s.fund FROM import_lines s WHERE s.batch = p_batch) n
          LEFT JOIN funds f ON f.code = upper(btrim(n.fund))
    )
    SELECT s.line, s.received_on, s.donor AS donor_given, s.fund AS fund_given, s.amount::bigint AS amount,
           s.reference, s.pledge_id, s.idempotency_key,
           dn.donor_id, dn.donor_name, fc.fund_id, fc.fund_code, fc.fund_status,
           CASE WHEN p_post THEN nextval(entry_seq) END AS entry_id,
           CASE WHEN p_post THEN nextval(contribution_seq) END AS contribution_id
      FROM import_lines s
      JOIN donor_names dn ON dn.given = s.donor
      JOIN fund_codes fc ON fc.given = s.fund
     WHERE s.batch = p_batch
     ORDER BY s.line;
    DELETE FROM import_lines s WHERE s.batch = p_batch;
    ANALYZE import_work;

    CREATE TEMP TABLE import_problems ON COMMIT DROP AS
    SELECT w.line, 'donor'::text AS field, w.donor_given AS value, 'unknown donor'::text AS reason
      FROM import_work w WHERE w.donor_id IS NULL
    UNION ALL
    SELECT w.line, 'fund', w.fund_given, 'unknown fund' FROM import_work w WHERE w.fund_id IS NULL
    UNION ALL
    SELECT w.line, 'fund', w.fund_given, format('fund %s is closed: no new contributions', w.fund_code)
      FROM import_work w WHERE w.fund_status = 'closed'
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
               ELSE format('pledge %s was cancelled', pl.id)
           END
      FROM import_work w LEFT JOIN pledges pl ON pl.id = w.pledge_id
     WHERE w.pledge_id IS NOT NULL AND w.donor_id IS NOT NULL AND w.fund_id IS NOT NULL
       AND (pl.id IS NULL OR pl.donor_id <> w.donor_id OR pl.fund_id <> w.fund_id
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
    CREATE TEMP TABLE import_pledges ON COMMIT DROP AS
    SELECT pl.id, pl.donor_id, pl.fund_id, pl.pledged_on,
           EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = pl.entry_id) AS cancelled,
           greatest(coalesce((SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id
                               WHERE p.pledge_id = pl.id AND a.number = '441700'), 0), 0)::bigint AS outstanding
      FROM pledges pl
     WHERE (pl.donor_id, pl.fund_id) IN (SELECT DISTINCT w.donor_id, w.fund_id FROM import_work w);

    -- A donor's lines on a fund either all name a pledge, or none does (the usual case): then
    -- everything is set-based and gives exactly what record_contribution would, line after line.
    -- Lines naming a pledge: each takes what that pledge still expects after the lines before it.
    CREATE TEMP TABLE import_applied ON COMMIT DROP AS
    SELECT e.line, e.pledge_id,
           greatest(0, least(e.amount, e.outstanding - e.taken_before))::bigint AS applied
      FROM (SELECT w.line, w.pledge_id, w.amount, p.outstanding,
                   sum(w.amount) OVER (PARTITION BY w.pledge_id ORDER BY w.line) - w.amount AS taken_before
              FROM import_work w JOIN import_pledges p ON p.id = w.pledge_id
             WHERE NOT EXISTS (SELECT FROM import_work o
                                WHERE o.donor_id = w.donor_id AND o.fund_id = w.fund_id AND o.pledge_id IS NULL)) e;

    -- Lines naming none, in file order, over the open pledges oldest first: line i pays
    -- pledge j the overlap of their cumulative intervals.
    INSERT INTO import_applied (line, pledge_id, applied)
    WITH pledge_spans AS (
        SELECT p.id, p.donor_id, p.fund_id, p.outstanding AS available,
               sum(p.outstanding) OVER (PARTITION BY p.donor_id, p.fund_id ORDER BY p.pledged_on, p.id) AS span_end
          FROM import_pledges p
         WHERE NOT p.cancelled AND p.outstanding > 0
           AND NOT EXISTS (SELECT FROM import_work o
                            WHERE o.donor_id = p.donor_id AND o.fund_id = p.fund_id AND o.pledge_id IS NOT NULL)
    ), line_spans AS (
        SELECT w.line, w.donor_id, w.fund_id, w.amount,
               sum(w.amount) OVER (PARTITION BY w.donor_id, w.fund_id ORDER BY w.line) AS span_end
          FROM import_work w
         WHERE w.pledge_id IS NULL
           AND EXISTS (SELECT FROM pledge_spans ps WHERE ps.donor_id = w.donor_id AND ps.fund_id = w.fund_id)
    )
    SELECT l.line, p.id,
           least(l.span_end, p.span_end) - greatest(l.span_end - l.amount, p.span_end - p.available)
      FROM line_spans l
      JOIN pledge_spans p ON p.donor_id = l.donor_id AND p.fund_id = l.fund_id
     WHERE p.span_end - p.available < l.span_end AND l.span_end - l.amount < p.span_end;

    -- A donor whose lines on a fund mix both kinds: those lines in file order, one after the
    -- other, as record_contribution would (rare, and a handful of lines when it happens).
    FOR mixed IN
        SELECT w.donor_id, w.fund_id FROM import_work w GROUP BY w.donor_id, w.fund_id
        HAVING bool_or(w.pledge_id IS NULL) AND bool_or(w.pledge_id IS NOT NULL)
    LOOP
        SELECT coalesce(array_agg(p.id ORDER BY p.pledged_on, p.id), '{}'),
               coalesce(array_agg(p.outstanding ORDER BY p.pledged_on, p.id), '{}')
          INTO pledge_ids, pledge_left
          FROM import_pledges p
         WHERE p.donor_id = mixed.donor_id AND p.fund_id = mixed.fund_id AND NOT p.cancelled;
        FOR mixed_line IN
            SELECT w.line, w.amount, w.pledge_id FROM import_work w
             WHERE w.donor_id = mixed.donor_id AND w.fund_id = mixed.fund_id ORDER BY w.line
        LOOP
            left_to_apply := mixed_line.amount;
            FOR i IN 1..coalesce(array_length(pledge_ids, 1), 0) LOOP
                EXIT WHEN left_to_apply = 0;
                CONTINUE WHEN mixed_line.pledge_id IS NOT NULL AND pledge_ids[i] <> mixed_line.pledge_id;
                taken := least(left_to_apply, pledge_left[i]);
                CONTINUE WHEN taken <= 0;
                INSERT INTO import_applied (line, pledge_id, applied) VALUES (mixed_line.line, pledge_ids[i], taken);
                pledge_left[i] := pledge_left[i] - taken;
                left_to_apply := left_to_apply - taken;
            END LOOP;
        END LOOP;
    END LOOP;

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

    INSERT INTO imports (file_sha256, file_name, lines, total, recorded_by)
    SELECT p_file_sha256, p_file_name, line_count, line_total, coalesce(p_actor, session_user)
    RETURNING * INTO new_import;

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

REVOKE ALL ON import_lines, imports FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION import_contributions(uuid, text, text, boolean, text, integer) FROM PUBLIC;
GRANT SELECT ON imports TO fundledger_reader, fundledger_writer;
-- The writer stages lines (COPY needs INSERT) but still posts only through the function.
GRANT INSERT ON import_lines TO fundledger_writer;
GRANT EXECUTE ON FUNCTION import_contributions(uuid, text, text, boolean, text, integer) TO fundledger_writer;
