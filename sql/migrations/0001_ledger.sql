-- FundLedger 0001: the ledger's tables, domains, indexes and constraints.
--
-- Money is bigint cents everywhere (debit positive, credit negative). What a table can hold is
-- said here (types, CHECKs, UNIQUE, foreign keys); the rules that span rows — entries balance,
-- append-only tables, sealed entries, cached balances, no overdraft on any day — are named
-- trigger functions under sql/functions/, re-applied by `fundledger migrate` whenever their text
-- changes. The FL error codes are listed once, in sql/functions/error_codes.sql.

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
