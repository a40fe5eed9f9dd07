-- FundLedger 0015: fonds dédiés (règlement ANC 2018-06), issue 13.
--
-- Each fund's money is restricted: what it received and did not spend by 31 December is not the
-- association's result but a debt to the fund's purpose. `fundledger year-end --year Y` posts it:
--   6894 Dotations aux fonds dédiés  /  194 Fonds dédiés       the year's unspent resources;
--   194 Fonds dédiés  /  7894 Utilisations des fonds dédiés    earlier years' resources spent in Y.
-- These entries are accounting, not cash: kind 'dedicated_funds', never on 512 or 441, so the
-- reports of money received, paid and available are the same before and after them.
-- And 654 for a pledge of an earlier year written off (write_off_pledge): a charge of the year,
-- not a smaller revenue.
-- And 4686 for a tranche owed at the year's end (a milestone achieved, its tranche not paid):
-- a charge à payer of the year (657/4686), reversed on 1 January (kind 'accrual').
INSERT INTO chart_of_accounts (number, label) VALUES
    ('468600', 'Charges à payer'),
    ('654000', 'Pertes sur créances irrécouvrables'),
    ('194000', 'Fonds dédiés sur subventions'),
    ('689400', 'Dotations aux fonds dédiés'),
    ('789400', 'Utilisations des fonds dédiés');

ALTER TABLE journal_entries DROP CONSTRAINT entry_kind_known;
ALTER TABLE journal_entries ADD CONSTRAINT entry_kind_known
    CHECK (kind IN ('pledge', 'contribution', 'pledge_write_off', 'disbursement', 'dedicated_funds', 'accrual'));

-- The years closed by `year-end`: a second run finds its year here and changes nothing.
CREATE TABLE year_end_closings (
    fiscal_year  integer PRIMARY KEY,
    closed_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    closed_by    clean_text NOT NULL DEFAULT session_user
);
