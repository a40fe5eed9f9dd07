-- A donor's first gift to a fund (the thanks' "order of first commitment", and whether it gave in a
-- quarter) is `ORDER BY received_on, entry_id LIMIT 1`. With entry_id in the index, that is the
-- index's first row; without it, every gift of the donor's first day was read and sorted (some
-- hundred rows per donor after an emergency appeal: 15 ms per fund in the quarterly report).
CREATE INDEX contribution_donor_fund_first ON contributions (donor_id, fund_id, received_on, entry_id);
DROP INDEX contribution_donor_fund_date;
