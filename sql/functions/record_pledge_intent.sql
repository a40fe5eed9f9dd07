-- A collectivité's intention to give (no vote yet): kept, thanked, never posted. Refused by a
-- fund that takes no new pledge (closing or closed), like a pledge; its date may be in a closed
-- period, since nothing is written in the journal.
CREATE OR REPLACE FUNCTION record_pledge_intent(p_donor_name text, p_fund_code text, p_amount bigint,
                                                p_announced_on date, p_note text,
                                                p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS pledge_intents LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    donor donors := donor_by_name(p_donor_name);
    fund funds := fund_by_code(p_fund_code);
    earlier bigint;
    intent pledge_intents;
BEGIN
    PERFORM require_positive_amount(p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'record_pledge_intent',
        jsonb_build_object('donor', donor.id, 'fund', fund.id, 'amount', p_amount, 'on', p_announced_on, 'note', p_note));
    IF earlier IS NOT NULL THEN
        SELECT * INTO intent FROM pledge_intents WHERE id = earlier;
        RETURN intent;
    END IF;
    PERFORM check_ledger_date(p_announced_on);
    IF p_announced_on IS NULL THEN
        RAISE EXCEPTION 'date de l’intention manquante' USING ERRCODE = 'FL020', COLUMN = 'on';
    END IF;
    PERFORM require_fund_accepts(fund.id, NULL, 'pledge');
    INSERT INTO pledge_intents (donor_id, fund_id, amount, announced_on, note, recorded_by)
    VALUES (donor.id, fund.id, p_amount, p_announced_on, p_note, coalesce(p_actor, session_user))
    RETURNING * INTO intent;
    PERFORM complete_idempotency_key(p_idempotency_key, intent.id);
    RETURN intent;
END
$$;
