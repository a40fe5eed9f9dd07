-- Rule: the journal is append-only. Entries, postings, pledges, contributions, disbursements and
-- imports are never updated, deleted or truncated; corrections are reversal entries. What an
-- account is (number, fund, donor, project) never changes, and an idempotency key once claimed
-- stays (deleting it would let a retried write post twice). A validation (its FEC number and
-- date) and a period's closure are never undone either.
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'FL002', TABLE = TG_TABLE_NAME,
              HINT = 'corrections are recorded as reversal entries (fundledger entry reverse)';
END
$$;

CREATE OR REPLACE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER pledges_append_only BEFORE UPDATE OR DELETE ON pledges
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER pledges_no_truncate BEFORE TRUNCATE ON pledges
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER contributions_append_only BEFORE UPDATE OR DELETE ON contributions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER contributions_no_truncate BEFORE TRUNCATE ON contributions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER disbursements_append_only BEFORE UPDATE OR DELETE ON disbursements
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER disbursements_no_truncate BEFORE TRUNCATE ON disbursements
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER imports_append_only BEFORE UPDATE OR DELETE ON imports
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER imports_no_truncate BEFORE TRUNCATE ON imports
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE OR REPLACE TRIGGER account_identity_fixed BEFORE UPDATE OF number, fund_id, donor_id, project_id ON accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER account_no_delete BEFORE DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER account_daily_totals_no_truncate BEFORE TRUNCATE ON account_daily_totals
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER idempotency_keys_kept BEFORE DELETE ON idempotency_keys
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER idempotency_keys_no_truncate BEFORE TRUNCATE ON idempotency_keys
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER entry_validations_append_only BEFORE UPDATE OR DELETE ON entry_validations
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER entry_validations_no_truncate BEFORE TRUNCATE ON entry_validations
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER period_closures_append_only BEFORE UPDATE OR DELETE ON period_closures
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER period_closures_no_truncate BEFORE TRUNCATE ON period_closures
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER fund_settlements_append_only BEFORE UPDATE OR DELETE ON fund_settlements
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER fund_settlements_no_truncate BEFORE TRUNCATE ON fund_settlements
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
-- The chains' seals (0019) are never changed; a chain's head only moves forward (seal_entries).
CREATE OR REPLACE TRIGGER entry_seals_append_only BEFORE UPDATE OR DELETE ON entry_seals
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER entry_seals_no_truncate BEFORE TRUNCATE ON entry_seals
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER entry_chain_heads_no_delete BEFORE DELETE ON entry_chain_heads
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE OR REPLACE TRIGGER entry_chain_heads_no_truncate BEFORE TRUNCATE ON entry_chain_heads
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
