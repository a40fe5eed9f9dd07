CREATE OR REPLACE FUNCTION verify_ledger()
RETURNS TABLE (problem text, subject text, expected numeric, actual numeric)
LANGUAGE sql STABLE SECURITY DEFINER
-- One hash aggregate over a million entries needs some 100 MB; with the default 4 MB it spills to
-- disk and takes twice as long. JIT compiles for longer than these scans run.
SET search_path = pg_catalog, public, pg_temp SET work_mem = '256MB' SET jit = off AS $$
    -- The ledger is read in two passes, not one per check (a full audit of a million entries takes
    -- a few seconds, not tens): each entry's sum and count of postings, and every account's
    -- movements per day, kind and fund. Every check about balances, daily totals and funds is made on
    -- the second, which is a few hundred rows; the postings are read again only to name the culprits.
    WITH entry_sums AS (
        SELECT entry_id, sum(amount) AS total, count(*) AS postings FROM postings GROUP BY entry_id
    ), day_sums AS (
        SELECT p.account_id, e.fund_id, e.value_date AS day, e.kind,
               sum(greatest(p.amount, 0)) AS debits, sum(greatest(-p.amount, 0)) AS credits, sum(p.amount) AS total
          FROM postings p JOIN journal_entries e ON e.id = p.entry_id
         GROUP BY 1, 2, 3, 4
    )
    SELECT 'unbalanced entry', 'entry ' || s.entry_id, 0::numeric, s.total
      FROM entry_sums s
     WHERE s.total <> 0 OR s.postings < 2
    UNION ALL
    -- An entry without any posting is not in entry_sums; it is looked for only when the counts
    -- differ (the foreign key keeps every posting's entry, so equal counts mean none is missing).
    SELECT 'unbalanced entry', 'entry ' || e.id, 0::numeric, 0::numeric
      FROM journal_entries e
     WHERE (SELECT count(*) FROM journal_entries) <> (SELECT count(*) FROM entry_sums)
       AND NOT EXISTS (SELECT FROM postings p WHERE p.entry_id = e.id)
    UNION ALL
    SELECT 'cached balance differs from postings', 'account ' || a.id || ' (' || a.number || ')',
           coalesce(s.total, 0)::numeric, a.balance::numeric
      FROM accounts a LEFT JOIN (SELECT account_id, sum(total) AS total FROM day_sums GROUP BY account_id) s
        ON s.account_id = a.id
     WHERE a.balance <> coalesce(s.total, 0)
    UNION ALL
    SELECT 'daily totals differ from postings',
           'account ' || coalesce(t.account_id, s.account_id) || ' on ' || coalesce(t.day, s.day) || ' (' || coalesce(t.kind, s.kind) || ')',
           coalesce(s.debits, 0) - coalesce(s.credits, 0), coalesce(t.debits, 0) - coalesce(t.credits, 0)
      FROM account_daily_totals t
      FULL JOIN (SELECT account_id, day, kind, sum(debits) AS debits, sum(credits) AS credits
                   FROM day_sums GROUP BY 1, 2, 3) s
        ON s.account_id = t.account_id AND s.day = t.day AND s.kind = t.kind
     WHERE t.debits IS DISTINCT FROM s.debits::bigint OR t.credits IS DISTINCT FROM s.credits::bigint
    UNION ALL
    SELECT 'fund bank account below zero', 'fund ' || f.code, 0, a.balance
      FROM accounts a JOIN funds f ON f.id = a.fund_id
     WHERE a.number = '512000' AND a.balance < 0
    UNION ALL
    SELECT 'fund bank account below zero on a past day', 'fund ' || f.code || ' on ' || held.day, 0, held.balance
      FROM (SELECT DISTINCT ON (d.account_id) d.account_id, d.day, d.balance
              FROM (SELECT s.account_id, s.day, sum(sum(s.total)) OVER (PARTITION BY s.account_id ORDER BY s.day) AS balance
                      FROM day_sums s JOIN accounts a ON a.id = s.account_id AND a.number = '512000'
                     GROUP BY s.account_id, s.day) d
             WHERE d.balance < 0 ORDER BY d.account_id, d.day) held
      JOIN accounts a ON a.id = held.account_id JOIN funds f ON f.id = a.fund_id
    UNION ALL
    SELECT 'pledge outstanding below zero on a day', 'pledge ' || o.pledge_id || ' on ' || o.day, 0, o.outstanding
      FROM (SELECT DISTINCT ON (d.pledge_id) d.pledge_id, d.day, d.outstanding
              FROM (SELECT p.pledge_id, e.value_date AS day,
                           sum(sum(p.amount)) OVER (PARTITION BY p.pledge_id ORDER BY e.value_date) AS outstanding
                      FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                      JOIN accounts a ON a.id = p.account_id AND a.number = '441700'
                     WHERE p.pledge_id IS NOT NULL
                     GROUP BY p.pledge_id, e.value_date) d
             WHERE d.outstanding < 0 ORDER BY d.pledge_id, d.day) o
    UNION ALL
    SELECT 'entry dated after its fund closed', 'entry ' || e.id || ' of fund ' || f.code || ' on ' || e.value_date,
           0, (e.value_date - f.closed_on)::numeric
      FROM journal_entries e JOIN funds f ON f.id = e.fund_id
     WHERE f.closed_on IS NOT NULL AND e.value_date > f.closed_on
       AND e.kind NOT IN ('dedicated_funds', 'dedicated_transfer')  -- the year-end releases its fonds dédiés
    UNION ALL
    SELECT 'pledge received more than pledged', 'pledge ' || p.pledge_id, 0, sum(p.amount)
      FROM postings p JOIN accounts a ON a.id = p.account_id
     WHERE a.number = '441700' AND p.pledge_id IS NOT NULL
     GROUP BY p.pledge_id
    HAVING sum(p.amount) < 0
    UNION ALL
    -- Named posting by posting, but only for the (account, day, kind) groups found astray.
    SELECT 'posting on another fund''s account', 'posting ' || astray.posting_id, s.fund_id, a.fund_id
      FROM day_sums s JOIN accounts a ON a.id = s.account_id AND a.fund_id <> s.fund_id
     CROSS JOIN LATERAL (
          SELECT p.id AS posting_id
            FROM postings p JOIN journal_entries e ON e.id = p.entry_id
           WHERE p.account_id = s.account_id AND e.fund_id = s.fund_id AND e.value_date = s.day AND e.kind = s.kind) astray
    UNION ALL
    SELECT 'reversal does not mirror its entry', 'entry ' || r.id || ', account ' || p.account_id, 0, sum(p.amount)
      FROM journal_entries r
      JOIN postings p ON p.entry_id IN (r.id, r.reverses_entry_id)
     WHERE r.reverses_entry_id IS NOT NULL
     GROUP BY r.id, p.account_id
    HAVING sum(p.amount) <> 0
    UNION ALL
    -- What each donor gave each fund, kept by maintain_donor_receipts, against the contributions.
    SELECT 'donor receipts differ from contributions',
           'donor ' || coalesce(r.donor_id, s.donor_id) || ' on fund ' || coalesce(r.fund_id, s.fund_id),
           coalesce(s.received, 0), coalesce(r.received, 0)
      FROM donor_fund_receipts r
      FULL JOIN (SELECT c.fund_id, c.donor_id, sum(c.amount) AS received,
                        min(c.received_on) AS first_received_on, max(c.received_on) AS last_received_on
                   FROM contributions c
                  WHERE c.entry_id NOT IN (SELECT reverses_entry_id FROM journal_entries WHERE reverses_entry_id IS NOT NULL)
                  GROUP BY c.fund_id, c.donor_id) s
        ON s.fund_id = r.fund_id AND s.donor_id = r.donor_id
     WHERE coalesce(r.received, 0) <> coalesce(s.received, 0)
        OR r.first_received_on IS DISTINCT FROM s.first_received_on OR r.last_received_on IS DISTINCT FROM s.last_received_on
    UNION ALL
    -- A settlement takes its amount out of its fund's bank, and a reallocation puts it into the
    -- receiving fund's bank: nothing lost or invented between the two funds.
    SELECT 'settlement does not move its amount', 'settlement ' || s.id || ' (' || s.kind || ')', s.amount, moved.out_of_fund
      FROM fund_settlements s
      CROSS JOIN LATERAL (
          SELECT coalesce(-sum(p.amount) FILTER (WHERE p.entry_id = s.out_entry_id AND a.fund_id = s.fund_id), 0) AS out_of_fund,
                 coalesce(sum(p.amount) FILTER (WHERE p.entry_id = s.in_entry_id AND a.fund_id = s.target_fund_id), 0) AS into_target
            FROM postings p JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
           WHERE p.entry_id IN (s.out_entry_id, s.in_entry_id)) moved
     WHERE s.amount <> moved.out_of_fund OR (s.in_entry_id IS NOT NULL AND s.amount <> moved.into_target)
$$;
