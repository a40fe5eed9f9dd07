-- FundLedger 0005: indexes the reports need (quarterly report, milestone report, donor
-- statement, FEC export). The money figures of the reports read account_daily_totals through
-- its primary key (account_id, day, kind) and accounts through account_unique (number, fund_id,
-- …); these indexes serve the few lookups that are not money aggregates.

-- Reversals of a period ("reversals are shown, never netted away"): a range scan over the
-- reversal entries only, across all funds.
CREATE INDEX journal_entry_reversal_date ON journal_entries (value_date, id)
    WHERE reverses_entry_id IS NOT NULL;

-- Donors of a quarter and whether they are new: one probe per donor for an earlier
-- contribution to the fund ("new donor this quarter"), and a donor's statement.
CREATE INDEX contribution_donor_fund_date ON contributions (donor_id, fund_id, received_on);

-- Milestones achieved, due or late in a period.
CREATE INDEX milestone_due ON milestones (due_on);
CREATE INDEX milestone_achieved ON milestones (achieved_on) WHERE achieved_on IS NOT NULL;

-- The FEC export reads one fiscal year of entries, all funds, in date order.
CREATE INDEX journal_entry_date ON journal_entries (value_date, id);
