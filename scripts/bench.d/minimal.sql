-- The references of scripts/bench that live in the ledger's database, in a schema of their own
-- (`bench`): nothing of the ledger reads it.
--
-- 1. The minimal write, our limit: one call of a hand-written plpgsql function doing the least a
--    ledger write must do — claim an idempotency key, insert an entry and its two postings, add
--    the amount to the two cached balances — with no rule checked. Four funds, two accounts each.
-- 2. Helper tables that number the demo's donors and open funds, so that a pgbench script picks
--    one by an indexed look-up (the same cost on both sides of a ratio).
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.keys (
    key        text PRIMARY KEY,
    result_id  bigint,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE bench.accounts (
    id       bigint PRIMARY KEY,
    fund_id  integer NOT NULL,
    number   text NOT NULL,
    balance  bigint NOT NULL DEFAULT 0
);
CREATE TABLE bench.entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fund_id     integer NOT NULL,
    value_date  date NOT NULL,
    description text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE bench.postings (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id   bigint NOT NULL REFERENCES bench.entries,
    account_id bigint NOT NULL REFERENCES bench.accounts,
    amount     bigint NOT NULL
);
CREATE INDEX ON bench.postings (entry_id);
CREATE INDEX ON bench.postings (account_id);
INSERT INTO bench.accounts (id, fund_id, number)
SELECT f * 2 - 1, f, '512000' FROM generate_series(1, 4) f
UNION ALL
SELECT f * 2, f, '740000' FROM generate_series(1, 4) f;

CREATE FUNCTION bench.minimal_write(p_fund integer, p_amount bigint, p_key text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    entry bigint;
BEGIN
    INSERT INTO bench.keys (key) VALUES (p_key);
    INSERT INTO bench.entries (fund_id, value_date, description) VALUES (p_fund, current_date, 'bench')
    RETURNING id INTO entry;
    INSERT INTO bench.postings (entry_id, account_id, amount)
    VALUES (entry, p_fund * 2 - 1, p_amount), (entry, p_fund * 2, -p_amount);
    UPDATE bench.accounts SET balance = balance + p_amount WHERE id = p_fund * 2 - 1;
    UPDATE bench.accounts SET balance = balance - p_amount WHERE id = p_fund * 2;
    UPDATE bench.keys SET result_id = entry WHERE key = p_key;
    RETURN entry;
END
$$;

CREATE TABLE bench.donors (n integer PRIMARY KEY, name text NOT NULL);
INSERT INTO bench.donors SELECT row_number() OVER (ORDER BY id), name FROM public.donors;
CREATE TABLE bench.open_funds (n integer PRIMARY KEY, code text NOT NULL);
INSERT INTO bench.open_funds SELECT row_number() OVER (ORDER BY id), code FROM public.funds WHERE status = 'open';
-- The donors fundledger-bench writes for (GAZA's, as LedgerReader.donorTotals lists them).
CREATE TABLE bench.gaza_donors (n integer PRIMARY KEY, name text NOT NULL);
INSERT INTO bench.gaza_donors
SELECT row_number() OVER (ORDER BY t.donor_id), t.donor
  FROM public.donor_fund_totals t JOIN public.funds f ON f.id = t.fund_id WHERE f.code = 'GAZA';
ANALYZE bench.accounts, bench.donors, bench.open_funds, bench.gaza_donors;
