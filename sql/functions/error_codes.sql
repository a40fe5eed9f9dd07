-- Every error the ledger raises, in one place: SQLSTATE class FL, so that clients react to a
-- code, never to a message. Swift maps each code in Sources/Ledger/Errors/LedgerErrorCode.swift;
-- a test fails when a code raised anywhere under sql/ is missing from this list or from Swift.
--
--   code   meaning                                             raised by
--   FL001  journal entry does not balance (or < 2 postings)    check_entry_balances
--   FL002  append-only table: update/delete/truncate refused   refuse_change
--   FL003  entry sealed: postings added after it was recorded  check_entry_sealed
--   FL004  derived data (balances, daily totals) written       refuse_direct_write
--   FL005  posting on an account of another fund              check_postings_stay_in_fund
--   FL006  pledge would receive more than was pledged          check_pledge_never_over_received
--   FL007  pledge touched before the day it was voted          allocate_to_pledges, write_off_pledge
--   FL010  not enough money: a fund's bank below zero          check_bank_never_negative, record_disbursement
--   FL011  fund does not accept this (closed, or closing)      require_fund_accepts
--   FL012  already exists (name, code, reference)              add_donor, open_fund, …
--   FL013  not found (fund, donor, pledge, entry…)             fund_by_code, donor_by_name, …
--   FL014  entry cannot be reversed                            reverse_entry, check_reversal
--   FL015  pledge state forbids it (cancelled, nothing due)    write_off_pledge, reverse_entry
--   FL016  references that do not belong together             record_disbursement, achieve_milestone
--   FL017  date outside what the ledger accepts                require_ledger_date
--   FL018  period closed: dated on or before the books' close  fund_refusal, close_period
--   FL019  fund not settled: money or pledges remain           set_fund_status
--   FL020  bad argument (amount, status, missing value)        require_positive_amount, …
--   FL021  text refused (blank, control or invisible chars)    check_clean_text (0007, sql/functions)
--   FL409  idempotency key reused for another request          claim_idempotency_key
--
-- The same list, queryable: SELECT * FROM error_codes();
CREATE OR REPLACE FUNCTION error_codes()
RETURNS TABLE (code text, meaning text)
LANGUAGE sql IMMUTABLE AS $$
    VALUES
        ('FL001', 'journal entry does not balance'),
        ('FL002', 'append-only table'),
        ('FL003', 'journal entry sealed'),
        ('FL004', 'derived data written directly'),
        ('FL005', 'posting on another fund''s account'),
        ('FL006', 'pledge would receive more than was pledged'),
        ('FL007', 'pledge touched before it was voted'),
        ('FL010', 'not enough money in the fund'),
        ('FL011', 'fund does not accept this'),
        ('FL012', 'already exists'),
        ('FL013', 'not found'),
        ('FL014', 'entry cannot be reversed'),
        ('FL015', 'pledge state forbids it'),
        ('FL016', 'references do not belong together'),
        ('FL017', 'date outside what the ledger accepts'),
        ('FL018', 'period closed'),
        ('FL019', 'fund not settled'),
        ('FL020', 'bad argument'),
        ('FL021', 'text refused'),
        ('FL409', 'idempotency key reused for another request')
$$;
