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
    UPDATE funds
       SET status = p_status,
           closed_on = CASE WHEN p_status = 'closed' THEN p_on END
     WHERE id = fund.id
    RETURNING * INTO fund;
    PERFORM complete_idempotency_key(p_idempotency_key, fund.id);
    RETURN fund;
END
$$;
