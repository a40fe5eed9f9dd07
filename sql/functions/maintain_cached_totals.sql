-- Rule: cached balances (accounts.balance) and per-day totals (account_daily_totals) equal the
-- postings, maintained set-based in the same statement as the postings. The bank CHECK
-- bank_balance_never_negative on accounts refuses a fund's 512 going below zero today.
CREATE OR REPLACE FUNCTION maintain_cached_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Lock in id order so that concurrent entries touching the same accounts cannot deadlock;
    -- NO KEY UPDATE does not conflict with the KEY SHARE locks that the postings' foreign keys
    -- take, which FOR UPDATE would (a classic deadlock between two concurrent entries).
    PERFORM 1 FROM accounts WHERE id IN (SELECT account_id FROM new_postings) ORDER BY id FOR NO KEY UPDATE;

    UPDATE accounts a
       SET balance = a.balance + d.delta
      FROM (SELECT account_id, sum(amount) AS delta FROM new_postings GROUP BY account_id) d
     WHERE a.id = d.account_id;

    INSERT INTO account_daily_totals AS t (account_id, day, kind, debits, credits)
    SELECT p.account_id, e.value_date, e.kind,
           sum(greatest(p.amount, 0)), sum(greatest(-p.amount, 0))
      FROM new_postings p JOIN journal_entries e ON e.id = p.entry_id
     GROUP BY p.account_id, e.value_date, e.kind
     ORDER BY 1, 2, 3
    ON CONFLICT (account_id, day, kind) DO UPDATE
       SET debits = t.debits + EXCLUDED.debits, credits = t.credits + EXCLUDED.credits;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER postings_3_maintain_cached_totals AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_cached_totals();
