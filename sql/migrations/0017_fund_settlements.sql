-- FundLedger 0017: settling a fund's remaining money before it closes (issue 13).
--
-- A fund is closed only once it holds nothing (set_fund_status, FL019). What it still holds
-- leaves it by one of two explicit events, each a journal entry visible in every report:
--   * a reallocation to another fund, with the donors' agreement recorded (its reference and
--     date): in the fund given up, 6581 Ressources réaffectées à un autre fonds / 512; in the
--     fund receiving, 512 / 7581 Ressources reçues d'un autre fonds. The two accounts net to zero
--     across the association's books: the money changes purpose, not owner.
--   * a refund to the donors, pro rata of what each gave: 6582 Remboursements aux collectivités
--     donatrices (one sub-account per donor, as 441) / 512.
-- At the year's end (close_year) these count with the year's resources and uses; the part of
-- earlier years' fonds dédiés that a reallocation moved, and the part of a reallocation received
-- that stays unspent, are posted as their own entries (kind 'dedicated_transfer'), which the
-- table of fonds dédiés shows in its "transferred" column.
INSERT INTO chart_of_accounts (number, label) VALUES
    ('658100', 'Ressources réaffectées à un autre fonds'),
    ('758100', 'Ressources reçues d''un autre fonds'),
    ('658200', 'Remboursements aux collectivités donatrices');

ALTER TABLE journal_entries DROP CONSTRAINT entry_kind_known;
ALTER TABLE journal_entries ADD CONSTRAINT entry_kind_known
    CHECK (kind IN ('pledge', 'contribution', 'pledge_write_off', 'disbursement', 'dedicated_funds', 'accrual',
                    'reallocation', 'refund', 'dedicated_transfer'));

-- One row per settling event: which fund gave up how much, to which fund or to its donors, on
-- whose agreement. Append-only, like the journal it points to.
CREATE TABLE fund_settlements (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CONSTRAINT settlement_kind_known CHECK (kind IN ('reallocation', 'refund')),
    fund_id         bigint NOT NULL REFERENCES funds,
    -- The fund receiving a reallocation; none for a refund.
    target_fund_id  bigint REFERENCES funds,
    amount          positive_cents NOT NULL,
    settled_on      ledger_date NOT NULL,
    -- The donors' agreement (or the board's decision for a refund): its reference and date.
    reference       clean_text NOT NULL,
    agreed_on       ledger_date NOT NULL,
    out_entry_id    bigint NOT NULL UNIQUE REFERENCES journal_entries,
    in_entry_id     bigint UNIQUE REFERENCES journal_entries,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by     clean_text NOT NULL DEFAULT session_user,
    CONSTRAINT settlement_target_matches_kind CHECK (
        (kind = 'reallocation' AND target_fund_id IS NOT NULL AND in_entry_id IS NOT NULL AND target_fund_id <> fund_id)
        OR (kind = 'refund' AND target_fund_id IS NULL AND in_entry_id IS NULL)),
    CONSTRAINT settlement_agreed_before CHECK (agreed_on <= settled_on)
);
CREATE INDEX fund_settlement_fund ON fund_settlements (fund_id, settled_on);
CREATE INDEX fund_settlement_target ON fund_settlements (target_fund_id) WHERE target_fund_id IS NOT NULL;

-- Their return types gain the "transferred" column: re-created by migrate from sql/functions.
DROP FUNCTION IF EXISTS close_year(integer, text);
DROP FUNCTION IF EXISTS dedicated_funds_table(integer);
