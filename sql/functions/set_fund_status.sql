-- 'closing' (no new pledges) or 'closed' (no new entries at all) or back to 'open'.
-- The fund row is locked first (FOR NO KEY UPDATE conflicts with the share lock every entry in
-- flight holds on it, see require_fund_accepts): closing waits for those entries to commit,
-- then checks the last entry's date in a snapshot taken after they did.
CREATE OR REPLACE FUNCTION set_fund_status(p_code text, p_status text, p_on date,
                                p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS funds LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    fund funds := fund_by_code(p_code);
    earlier bigint;
    held record;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'set_fund_status',
        jsonb_build_object('fund', fund.id, 'status', p_status, 'on', p_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO fund FROM funds WHERE id = earlier;
        RETURN fund;
    END IF;
    SELECT * INTO fund FROM funds WHERE id = fund.id FOR NO KEY UPDATE;
    IF p_status NOT IN ('open', 'closing', 'closed') THEN
        RAISE EXCEPTION 'unknown fund status "%" (open, closing or closed)', p_status
            USING ERRCODE = 'FL020', COLUMN = 'status';
    END IF;
    IF fund.status = 'closed' THEN
        RAISE EXCEPTION 'fund % was closed on %: a closed fund is not reopened nor closed again', fund.code, fund.closed_on
            USING ERRCODE = 'FL011', COLUMN = 'status';
    END IF;
    IF p_status = 'closed' AND p_on < fund.opened_on THEN
        RAISE EXCEPTION 'fund % cannot close on %, before it opened (%)', fund.code, p_on, fund.opened_on
            USING ERRCODE = 'FL020', COLUMN = 'closed_on';
    END IF;
    IF p_status = 'closed' AND p_on < (SELECT max(value_date) FROM journal_entries WHERE fund_id = fund.id) THEN
        RAISE EXCEPTION 'fund % cannot close on %: it has entries dated up to %', fund.code, p_on,
            (SELECT max(value_date) FROM journal_entries WHERE fund_id = fund.id)
            USING ERRCODE = 'FL020', COLUMN = 'closed_on';
    END IF;
    -- Money never vanishes with a fund: a fund closes once its bank and its receivables are
    -- settled (FL019), not while it still holds what donors gave or what they promised.
    IF p_status = 'closed' THEN
        SELECT coalesce(sum(balance) FILTER (WHERE number = '512000'), 0) AS bank,
               coalesce(sum(balance) FILTER (WHERE number = '441700'), 0) AS receivable
          INTO held FROM accounts WHERE fund_id = fund.id;
        IF held.bank <> 0 THEN
            RAISE EXCEPTION 'le fonds % détient encore % : il ne peut être clos tant que cet argent n’est ni versé aux partenaires, ni réaffecté à un autre fonds (fundledger fund reallocate), ni rendu aux donateurs (fundledger fund refund)',
                fund.code, euros(held.bank::bigint) USING ERRCODE = 'FL019', COLUMN = 'status';
        ELSIF held.receivable <> 0 THEN
            RAISE EXCEPTION 'le fonds % attend encore % de promesses : encaissez-les ou abandonnez-les avant de le clore',
                fund.code, euros(held.receivable::bigint) USING ERRCODE = 'FL019', COLUMN = 'status';
        END IF;
    END IF;
    UPDATE funds
       SET status = p_status,
           closed_on = CASE WHEN p_status = 'closed' THEN p_on END
     WHERE id = fund.id
    RETURNING * INTO fund;
    PERFORM complete_idempotency_key(p_idempotency_key, fund.id);
    RETURN fund;
END
$$;
