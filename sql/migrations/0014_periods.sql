-- FundLedger 0014: books an accountant can close (issue 13, first part).
--
-- 1. Closed periods. `fundledger period close --through D` closes every day up to D: no entry
--    dated on or before D can be written afterwards (corrections are dated in the open period).
--    The date lives on each fund's row, which every entry already reads under a share lock
--    (require_fund_accepts): closing updates the rows, so it waits for the entries in flight and
--    the entries that follow see it, at no extra lock per write; and every table keeps reaching
--    its fund (sharding by fund, docs/SCALING.md). period_closures keeps who closed what, when.
-- 2. Validated entries. Validation (at a period's close, or `fundledger entries validate
--    --through D`) gives each entry its definitive FEC number in its journal and year and its
--    validation date, stored once and never changed: the FEC of a closed year is the same file
--    every time it is exported.
ALTER TABLE funds ADD COLUMN books_closed_through ledger_date;

CREATE TABLE period_closures (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    closed_through  ledger_date NOT NULL,
    closed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    closed_by       clean_text NOT NULL DEFAULT session_user
);

CREATE TABLE entry_validations (
    entry_id      bigint PRIMARY KEY REFERENCES journal_entries,
    -- The FEC's JournalCode (fec_journal) and the fiscal (calendar) year of the entry's date.
    journal       text NOT NULL CONSTRAINT entry_validation_journal CHECK (journal IN ('BQ', 'OD')),
    fiscal_year   integer NOT NULL,
    -- EcritureNum: 1, 2, 3… without gaps within a journal and a year, in validation order.
    number        integer NOT NULL CONSTRAINT entry_validation_number_positive CHECK (number > 0),
    validated_on  ledger_date NOT NULL,
    validated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    validated_by  clean_text NOT NULL DEFAULT session_user,
    CONSTRAINT entry_validation_number_once UNIQUE (journal, fiscal_year, number)
);
