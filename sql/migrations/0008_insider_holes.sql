-- FundLedger 0008: holes found when the ledger was attacked as an insider would (issue 10).

-- 1. Dates the ledger can read back. Every date column is a ledger_date: 1900-01-01 to
--    2100-12-31, as the CLI and the API read them, so that neither 'infinity' nor
--    '4713-01-01 BC' can enter an append-only table and break every later read (FL017).
--    Views depend on these columns: dropped here, created again right after this migration
--    from sql/views/.
CREATE FUNCTION check_ledger_date(p_value date) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_value < date '1900-01-01' OR p_value > date '2100-12-31' THEN
        RAISE EXCEPTION 'date % is outside what the ledger accepts (1900-01-01 to 2100-12-31)', p_value
            USING ERRCODE = 'FL017';
    END IF;
    RETURN true;
END
$$;
CREATE DOMAIN ledger_date AS date CONSTRAINT ledger_date_range CHECK (check_ledger_date(VALUE));

DROP VIEW IF EXISTS donor_fund_totals, pledge_status, contribution_status, fund_balances;
ALTER TABLE funds ALTER COLUMN opened_on TYPE ledger_date, ALTER COLUMN closed_on TYPE ledger_date;
ALTER TABLE milestones ALTER COLUMN due_on TYPE ledger_date, ALTER COLUMN achieved_on TYPE ledger_date;
ALTER TABLE journal_entries ALTER COLUMN value_date TYPE ledger_date;
ALTER TABLE pledges ALTER COLUMN pledged_on TYPE ledger_date;
ALTER TABLE contributions ALTER COLUMN received_on TYPE ledger_date;
ALTER TABLE disbursements ALTER COLUMN paid_on TYPE ledger_date;
ALTER TABLE account_daily_totals ALTER COLUMN day TYPE ledger_date;
ALTER TABLE import_lines ALTER COLUMN received_on TYPE ledger_date;

-- 2. When an entry was recorded: the moment of the insert, not the start of its transaction
--    (a transaction held open would otherwise date its entries before a closing it waited for).
ALTER TABLE journal_entries ALTER COLUMN recorded_at SET DEFAULT clock_timestamp();

-- 3. Imports record the database role that posted them, as entries do, and are recognised by
--    what their lines contain, digested by the server (content_sha256): the client's digest of
--    its file is kept for information only, never trusted to say a file was seen.
ALTER TABLE imports ADD COLUMN db_user name NOT NULL DEFAULT session_user;
ALTER TABLE imports ADD COLUMN content_sha256 text
    CONSTRAINT import_content_sha256_format CHECK (content_sha256 ~ '^[0-9a-f]{64}$');
-- Imports recorded before had only the client's digest: theirs stays their key.
UPDATE imports SET content_sha256 = file_sha256 WHERE content_sha256 IS NULL;
ALTER TABLE imports ALTER COLUMN content_sha256 SET NOT NULL;
ALTER TABLE imports ADD CONSTRAINT import_content_once UNIQUE (content_sha256);
ALTER TABLE imports DROP CONSTRAINT import_file_once;
CREATE INDEX import_file_sha256 ON imports (file_sha256);

-- 4. A forgotten open transaction must not block a fund's writes for ever.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L', current_database(), '5min');
END
$$;

-- 5. Look-alike names: "Liffrе" (Cyrillic е) or "Lıffré" (dotless ı) is the collectivité
--    "Liffré". A name's skeleton maps the confusable letters of Unicode's UTS #39 that occur in
--    Latin-script names to their Latin look-alike; donors and partners are unique by skeleton.
CREATE FUNCTION name_skeleton(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(p_name,
        -- Cyrillic                         Greek                    Latin look-alikes
        'АВЕКМНОРСТУХаеорсухіјѕԁӏІЈЅԛԝ' || 'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορνικ' || 'ıȷℓⅰ' || '０１２３４５６７８９',
        'ABEKMHOPCTYXaeopcyxijsdlIJSqw' || 'ABEZHIKMNOPTYXaopvik' || 'ijli' || '0123456789');
$$;
CREATE UNIQUE INDEX donor_skeleton_unique ON donors ((name_skeleton(name)) COLLATE name_key);
CREATE UNIQUE INDEX partner_skeleton_unique ON partners ((name_skeleton(name)) COLLATE name_key);
