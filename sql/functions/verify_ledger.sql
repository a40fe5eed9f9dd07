CREATE OR REPLACE FUNCTION verify_ledger()
RETURNS TABLE (problem text, subject text, expected numeric, actual numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT 'unbalanced entry', 'entry ' || e.id, 0::numeric, coalesce(sum(p.amount), 0)::numeric
      FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
     GROUP BY e.id
    HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.id) < 2
    UNION ALL
    SELECT 'cached balance differs from postings', 'account ' || a.id || ' (' || a.number || ')',
           coalesce(s.total, 0)::numeric, a.balance::numeric
      FROM accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id) s
        ON s.account_id = a.id
     WHERE a.balance <> coalesce(s.total, 0)
    UNION ALL
    SELECT 'daily totals differ from postings',
           'account ' || coalesce(t.account_id, s.account_id) || ' on ' || coalesce(t.day, s.day) || ' (' || coalesce(t.kind, s.kind) || ')',
           coalesce(s.debits, 0) - coalesce(s.credits, 0), coalesce(t.debits, 0) - coalesce(t.credits, 0)
      FROM account_daily_totals t
      FULL JOIN (SELECT p.account_id, e.value_date AS day, e.kind,
                        sum(greatest(p.amount, 0))::numeric AS debits, sum(greatest(-p.amount, 0))::numeric AS credits
                   FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                  GROUP BY 1, 2, 3) s
        ON s.account_id = t.account_id AND s.day = t.day AND s.kind = t.kind
     WHERE t.debits IS DISTINCT FROM s.debits::bigint OR t.credits IS DISTINCT FROM s.credits::bigint
    UNION ALL
    SELECT 'fund bank account below zero', 'fund ' || f.code, 0, a.balance
      FROM accounts a JOIN funds f ON f.id = a.fund_id
     WHERE a.number = '512000' AND a.balance < 0
    UNION ALL
    SELECT 'fund bank account below zero on a past day', 'fund ' || f.code || ' on ' || held.day, 0, held.balance
      FROM (SELECT DISTINCT ON (d.account_id) d.account_id, d.day, d.balance
              FROM (SELECT p.account_id, e.value_date AS day,
                           sum(sum(p.amount)) OVER (PARTITION BY p.account_id ORDER BY e.value_date) AS balance
                      FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                      JOIN accounts a ON a.id = p.account_id AND a.number = '512000'
                     GROUP BY p.account_id, e.value_date) d
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
    SELECT 'posting on another fund''s account', 'posting ' || p.id, e.fund_id, a.fund_id
      FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
     WHERE a.fund_id <> e.fund_id
    UNION ALL
    SELECT 'reversal does not mirror its entry', 'entry ' || r.id || ', account ' || p.account_id, 0, sum(p.amount)
      FROM journal_entries r
      JOIN postings p ON p.entry_id IN (r.id, r.reverses_entry_id)
     WHERE r.reverses_entry_id IS NOT NULL
     GROUP BY r.id, p.account_id
    HAVING sum(p.amount) <> 0
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
