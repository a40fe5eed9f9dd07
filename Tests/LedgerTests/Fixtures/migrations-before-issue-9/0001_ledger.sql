-- FundLedger 0001: the ledger's tables and the invariants PostgreSQL itself enforces.
--
-- Money is bigint cents everywhere (debit positive, credit negative). The rules below hold
-- for every client, psql included:
--   * every journal entry's postings sum to zero, with at least two postings (deferred trigger);
--   * journal entries, postings, pledges, contributions and disbursements are append-only;
--     corrections are reversal entries, and an entry is reversed at most once;
--   * postings may only be added to an entry in the transaction that created it (sealed entries);
--   * amounts are non-zero bigint cents;
--   * a fund's bank account (512) never goes below zero, also under concurrent disbursements:
--     the balance row is updated under its row lock and a CHECK refuses a negative value;
--   * cached balances and per-day totals are maintained in the same statement as the postings,
--     and cannot be written directly;
--   * donors (and partners) are unique by name ignoring case, accents and punctuation.

-- Names as people compare them: "Liffre" = "Liffré" = "LIFFRÉ", "Saint-Calais" = "Saint Calais".
CREATE COLLATION name_key (provider = icu, locale = 'fr-u-ks-level1-ka-shifted', deterministic = false);

-- Text a person typed: trimmed, not empty, no control characters, Unicode NFC.
CREATE DOMAIN clean_text AS text
    CONSTRAINT clean_text_check
    CHECK (VALUE = btrim(VALUE) AND VALUE <> '' AND VALUE !~ '[[:cntrl:]]' AND VALUE IS NFC NORMALIZED);

-- Positive bigint cents, at most 1 000 000 000 000,00 €.
CREATE DOMAIN positive_cents AS bigint
    CONSTRAINT positive_cents_check CHECK (VALUE > 0 AND VALUE <= 100000000000000);

CREATE TABLE funds (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL CONSTRAINT fund_code_unique UNIQUE
                CONSTRAINT fund_code_format CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,29}$'),
    name        clean_text NOT NULL,
    audience    clean_text,
    status      text NOT NULL DEFAULT 'open'
                CONSTRAINT fund_status_known CHECK (status IN ('open', 'closing', 'closed')),
    opened_on   date NOT NULL,
    closed_on   date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fund_closed_has_date CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
    CONSTRAINT fund_closed_after_opened CHECK (closed_on IS NULL OR closed_on >= opened_on)
);

CREATE TABLE donors (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        clean_text NOT NULL,
    kind        text NOT NULL DEFAULT 'commune'
                CONSTRAINT donor_kind_known
                CHECK (kind IN ('commune', 'departement', 'region', 'intercommunalite', 'autre')),
    siren       text CONSTRAINT donor_siren_format CHECK (siren ~ '^[0-9]{9}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX donor_name_unique ON donors (name COLLATE name_key);
CREATE UNIQUE INDEX donor_siren_unique ON donors (siren) WHERE siren IS NOT NULL;

CREATE TABLE partners (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        clean_text NOT NULL,
    country     text CONSTRAINT partner_country_format CHECK (country ~ '^[A-Z]{2}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX partner_name_unique ON partners (name COLLATE name_key);

CREATE TABLE projects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fund_id     bigint NOT NULL REFERENCES funds,
    partner_id  bigint NOT NULL REFERENCES partners,
    title       clean_text NOT NULL,
    budget      positive_cents,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_fund ON projects (fund_id);

CREATE TABLE milestones (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES projects,
    title       clean_text NOT NULL,
    due_on      date NOT NULL,
    tranche     positive_cents,
    achieved_on date,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX milestone_project ON milestones (project_id);

-- The French associations' chart of accounts, as far as the funds use it.
CREATE TABLE chart_of_accounts (
    number      text PRIMARY KEY CONSTRAINT account_number_format CHECK (number ~ '^[1-7][0-9]{2,7}$'),
    label       clean_text NOT NULL
);
INSERT INTO chart_of_accounts (number, label) VALUES
    ('441700', 'Subventions à recevoir des collectivités'),
    ('740000', 'Subventions d''exploitation reçues des collectivités'),
    ('512000', 'Banque'),
    ('657000', 'Aides versées aux partenaires');

-- Sub-ledger accounts: a chart account for one fund (and one donor or project where relevant).
CREATE TABLE accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number      text NOT NULL REFERENCES chart_of_accounts,
    fund_id     bigint NOT NULL REFERENCES funds,
    donor_id    bigint REFERENCES donors,
    project_id  bigint REFERENCES projects,
    -- Cached sum of this account's postings; only the postings trigger writes it.
    balance     bigint NOT NULL DEFAULT 0,
    CONSTRAINT account_unique UNIQUE NULLS NOT DISTINCT (number, fund_id, donor_id, project_id),
    -- No fund pays out more than it received.
    CONSTRAINT bank_balance_never_negative CHECK (number <> '512000' OR balance >= 0)
);

CREATE TABLE journal_entries (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fund_id             bigint NOT NULL REFERENCES funds,
    -- The business event; a reversal keeps the kind of the entry it reverses, so that
    -- totals per kind net corrections while both entries stay visible.
    kind                text NOT NULL CONSTRAINT entry_kind_known
                        CHECK (kind IN ('pledge', 'contribution', 'pledge_write_off', 'disbursement')),
    value_date          date NOT NULL,
    description         clean_text NOT NULL,
    -- Unique: an entry is reversed at most once.
    reverses_entry_id   bigint CONSTRAINT entry_reversed_once UNIQUE REFERENCES journal_entries,
    recorded_by         clean_text NOT NULL DEFAULT session_user,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    -- The transaction that created the entry: only it may add postings.
    -- The database role that wrote it (recorded_by is the application's actor, e.g. an API token).
    db_user             name NOT NULL DEFAULT session_user,
    created_in_xact     xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT entry_not_self_reversing CHECK (reverses_entry_id <> id)
);
CREATE INDEX journal_entry_fund_date ON journal_entries (fund_id, value_date);

CREATE TABLE pledges (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    donor_id    bigint NOT NULL REFERENCES donors,
    fund_id     bigint NOT NULL REFERENCES funds,
    amount      positive_cents NOT NULL,
    pledged_on  date NOT NULL,
    reference   clean_text,
    entry_id    bigint NOT NULL UNIQUE REFERENCES journal_entries
);
CREATE INDEX pledge_donor_fund ON pledges (donor_id, fund_id, pledged_on);

CREATE TABLE contributions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    donor_id    bigint NOT NULL REFERENCES donors,
    fund_id     bigint NOT NULL REFERENCES funds,
    -- The first pledge the money was applied to (NULL: a gift without a pledge).
    pledge_id   bigint REFERENCES pledges,
    amount      positive_cents NOT NULL,
    received_on date NOT NULL,
    reference   clean_text,
    entry_id    bigint NOT NULL UNIQUE REFERENCES journal_entries,
    -- A bank reference is recorded once per donor.
    CONSTRAINT contribution_reference_unique UNIQUE (donor_id, reference)
);
CREATE INDEX contribution_fund_date ON contributions (fund_id, received_on);

CREATE TABLE disbursements (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fund_id      bigint NOT NULL REFERENCES funds,
    project_id   bigint NOT NULL REFERENCES projects,
    milestone_id bigint REFERENCES milestones,
    amount       positive_cents NOT NULL,
    paid_on      date NOT NULL,
    reference    clean_text,
    entry_id     bigint NOT NULL UNIQUE REFERENCES journal_entries
);
CREATE INDEX disbursement_project ON disbursements (project_id);

CREATE TABLE postings (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id     bigint NOT NULL REFERENCES journal_entries,
    account_id   bigint NOT NULL REFERENCES accounts,
    amount       bigint NOT NULL CONSTRAINT posting_amount_not_zero CHECK (amount <> 0),
    pledge_id    bigint REFERENCES pledges,
    milestone_id bigint REFERENCES milestones
);
CREATE INDEX posting_entry ON postings (entry_id);
CREATE INDEX posting_account ON postings (account_id);
CREATE INDEX posting_pledge ON postings (pledge_id) WHERE pledge_id IS NOT NULL;
CREATE INDEX posting_milestone ON postings (milestone_id) WHERE milestone_id IS NOT NULL;

-- Per account, day and kind of event: what reports read instead of every posting.
CREATE TABLE account_daily_totals (
    account_id  bigint NOT NULL REFERENCES accounts,
    day         date NOT NULL,
    kind        text NOT NULL,
    debits      bigint NOT NULL DEFAULT 0 CHECK (debits >= 0),
    credits     bigint NOT NULL DEFAULT 0 CHECK (credits >= 0),
    PRIMARY KEY (account_id, day, kind)
);

-- A retried write with the same key returns what the first one wrote.
CREATE TABLE idempotency_keys (
    key         text PRIMARY KEY CONSTRAINT idempotency_key_length CHECK (length(key) BETWEEN 1 AND 200),
    operation   text NOT NULL,
    request     jsonb NOT NULL,
    result_id   bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
-- Invariant triggers. Custom SQLSTATEs of class FL let clients react precisely:
--   FL001 unbalanced entry · FL002 append-only · FL003 sealed entry · FL004 derived data
--   FL005 posting on another fund's account · FL006 pledge over-applied · FL010 bank below zero
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'FL002', TABLE = TG_TABLE_NAME,
              HINT = 'corrections are recorded as reversal entries (fundledger entry reverse)';
END
$$;

CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER pledges_append_only BEFORE UPDATE OR DELETE ON pledges
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER pledges_no_truncate BEFORE TRUNCATE ON pledges
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER contributions_append_only BEFORE UPDATE OR DELETE ON contributions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER contributions_no_truncate BEFORE TRUNCATE ON contributions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER disbursements_append_only BEFORE UPDATE OR DELETE ON disbursements
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER disbursements_no_truncate BEFORE TRUNCATE ON disbursements
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Balances and daily totals are derived from postings: only the postings trigger (which runs
-- at trigger depth 1, so its statements arrive here at depth 2) may write them.
CREATE FUNCTION refuse_direct_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION '% is derived from postings: direct % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'FL004', TABLE = TG_TABLE_NAME,
                  HINT = 'balances change only by inserting a balanced journal entry';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER account_balance_derived BEFORE UPDATE OF balance ON accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_direct_write();
-- What an account is (chart number, fund, donor, project) never changes once created.
CREATE TRIGGER account_identity_fixed BEFORE UPDATE OF number, fund_id, donor_id, project_id ON accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER account_no_delete BEFORE DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER account_daily_totals_derived BEFORE INSERT OR UPDATE OR DELETE ON account_daily_totals
    FOR EACH ROW EXECUTE FUNCTION refuse_direct_write();
CREATE TRIGGER account_daily_totals_no_truncate BEFORE TRUNCATE ON account_daily_totals
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
-- A key, once claimed, stays: deleting it would let a retried write post twice.
CREATE TRIGGER idempotency_keys_kept BEFORE DELETE ON idempotency_keys
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER idempotency_keys_no_truncate BEFORE TRUNCATE ON idempotency_keys
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A new account starts at zero, whatever the INSERT says.
CREATE FUNCTION account_starts_at_zero() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.balance := 0;
    RETURN NEW;
END
$$;
CREATE TRIGGER account_starts_at_zero BEFORE INSERT ON accounts
    FOR EACH ROW EXECUTE FUNCTION account_starts_at_zero();

-- An entry cannot be written for a closed fund, be dated before the fund opened or more than a
-- year ahead, nor reverse a reversal, an entry of another fund, or a later entry.
CREATE FUNCTION journal_entry_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    original journal_entries;
    fund funds;
BEGIN
    SELECT * INTO fund FROM funds WHERE id = NEW.fund_id;
    IF fund.status = 'closed' THEN
        RAISE EXCEPTION 'fund % is closed: no new entry', fund.code USING ERRCODE = 'FL011';
    END IF;
    IF NEW.value_date < fund.opened_on THEN
        RAISE EXCEPTION 'fund % opened on %: an entry cannot be dated %', fund.code, fund.opened_on, NEW.value_date
            USING ERRCODE = 'FL020', COLUMN = 'value_date';
    END IF;
    IF NEW.value_date > current_date + 366 THEN
        RAISE EXCEPTION 'an entry cannot be dated % (more than a year ahead)', NEW.value_date
            USING ERRCODE = 'FL020', COLUMN = 'value_date';
    END IF;
    IF NEW.reverses_entry_id IS NOT NULL THEN
        SELECT * INTO original FROM journal_entries WHERE id = NEW.reverses_entry_id;
        IF original.reverses_entry_id IS NOT NULL THEN
            RAISE EXCEPTION 'entry % is itself a reversal and cannot be reversed', original.id
                USING ERRCODE = 'FL014';
        END IF;
        IF original.fund_id <> NEW.fund_id OR original.kind <> NEW.kind THEN
            RAISE EXCEPTION 'a reversal must have the fund and kind of entry %', original.id
                USING ERRCODE = 'FL014';
        END IF;
        IF NEW.value_date < original.value_date THEN
            RAISE EXCEPTION 'a reversal of entry % (dated %) cannot be dated %', original.id,
                original.value_date, NEW.value_date USING ERRCODE = 'FL014', COLUMN = 'value_date';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER journal_entry_before_insert BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION journal_entry_before_insert();

-- Checked at commit, once per entry: at least two postings, summing to zero.
CREATE FUNCTION journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    lines integer;
BEGIN
    SELECT coalesce(sum(amount), 0), count(*) INTO total, lines FROM postings WHERE entry_id = NEW.id;
    IF lines < 2 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: % posting(s) summing to % cents', NEW.id, lines, total
            USING ERRCODE = 'FL001', TABLE = 'postings',
                  HINT = 'debits (positive) and credits (negative) of an entry must sum to zero';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER journal_entry_balances AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION journal_entry_balances();

-- Once per INSERT statement on postings: seal check, then balances and daily totals, set-based.
CREATE FUNCTION postings_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sealed_entry bigint;
BEGIN
    SELECT e.id INTO sealed_entry
      FROM (SELECT DISTINCT entry_id FROM new_postings) n
      JOIN journal_entries e ON e.id = n.entry_id
     WHERE e.created_in_xact <> pg_current_xact_id()
     LIMIT 1;
    IF sealed_entry IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is sealed: postings cannot be added after it was recorded', sealed_entry
            USING ERRCODE = 'FL003', TABLE = 'postings',
                  HINT = 'record a new entry (or a reversal) instead';
    END IF;

    -- Restricted money stays in its fund: every posting is on an account of its entry's fund.
    SELECT n.entry_id INTO sealed_entry
      FROM new_postings n
      JOIN journal_entries e ON e.id = n.entry_id
      JOIN accounts a ON a.id = n.account_id
     WHERE a.fund_id <> e.fund_id
     LIMIT 1;
    IF sealed_entry IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % posts to an account of another fund', sealed_entry
            USING ERRCODE = 'FL005', TABLE = 'postings',
                  HINT = 'a gift is restricted to its fund: move money only through that fund''s own accounts';
    END IF;

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

    -- A fund's bank account never went below zero on any day: a payment dated in the past must
    -- fit what the fund held from that day on (the CHECK on accounts covers today only).
    SELECT a.id INTO sealed_entry
      FROM (SELECT n.account_id, min(e.value_date) AS first_day
              FROM new_postings n JOIN journal_entries e ON e.id = n.entry_id
             WHERE n.amount < 0
             GROUP BY n.account_id) out_of_bank
      JOIN accounts a ON a.id = out_of_bank.account_id AND a.number = '512000'
     WHERE EXISTS (
        SELECT FROM (SELECT d.day, sum(sum(d.debits - d.credits)) OVER (ORDER BY d.day) AS held
                       FROM account_daily_totals d WHERE d.account_id = a.id GROUP BY d.day) history
         WHERE history.day >= out_of_bank.first_day AND history.held < 0)
     LIMIT 1;
    IF sealed_entry IS NOT NULL THEN
        RAISE EXCEPTION 'the bank account of fund % would have been below zero after a payment dated in the past',
            (SELECT f.code FROM accounts a JOIN funds f ON f.id = a.fund_id WHERE a.id = sealed_entry)
            USING ERRCODE = 'FL010', TABLE = 'postings', CONSTRAINT = 'bank_balance_never_negative';
    END IF;

    -- A pledge never receives more than was pledged: its receivable (441) never goes below zero.
    SELECT touched.pledge_id INTO sealed_entry
      FROM (SELECT DISTINCT n.pledge_id FROM new_postings n WHERE n.pledge_id IS NOT NULL AND n.amount < 0) touched
     WHERE (SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id
             WHERE p.pledge_id = touched.pledge_id AND a.number = '441700') < 0
     LIMIT 1;
    IF sealed_entry IS NOT NULL THEN
        RAISE EXCEPTION 'pledge % would receive more than was pledged', sealed_entry
            USING ERRCODE = 'FL006', TABLE = 'postings',
                  HINT = 'money above a pledge is credited to 740000, not to the pledge''s receivable';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER postings_after_insert AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION postings_after_insert();
