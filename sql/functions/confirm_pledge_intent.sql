-- The vote that turns an intention into a pledge: its délibération (reference, required) and
-- the day it was voted; the amount voted (by default the amount announced). Posts the pledge
-- 4417/74 through record_pledge, the one door for pledges, and records which pledge it became.
-- An intention is confirmed once (FL015).
CREATE OR REPLACE FUNCTION confirm_pledge_intent(p_intent_id bigint, p_deliberation text, p_voted_on date,
                                                 p_amount bigint DEFAULT NULL,
                                                 p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS pledges LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    intent pledge_intents;
    earlier bigint;
    pledge pledges;
BEGIN
    SELECT * INTO intent FROM pledge_intents WHERE id = p_intent_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'intention n° % introuvable', p_intent_id USING ERRCODE = 'FL013', TABLE = 'pledge_intents';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'confirm_pledge_intent',
        jsonb_build_object('intent', p_intent_id, 'deliberation', p_deliberation, 'on', p_voted_on, 'amount', p_amount));
    IF earlier IS NOT NULL THEN
        SELECT * INTO pledge FROM pledges WHERE id = earlier;
        RETURN pledge;
    END IF;
    IF intent.pledge_id IS NOT NULL THEN
        RAISE EXCEPTION 'l’intention n° % est déjà votée : promesse n° %', p_intent_id, intent.pledge_id
            USING ERRCODE = 'FL015';
    END IF;
    IF p_deliberation IS NULL OR btrim(p_deliberation) = '' THEN
        RAISE EXCEPTION 'la délibération est obligatoire : c’est elle qui fait d’une intention une promesse'
            USING ERRCODE = 'FL020', COLUMN = 'deliberation';
    END IF;
    IF p_voted_on < intent.announced_on THEN
        RAISE EXCEPTION 'intention n° % annoncée le % : elle ne peut être votée le %', p_intent_id, intent.announced_on, p_voted_on
            USING ERRCODE = 'FL020', COLUMN = 'on';
    END IF;
    pledge := record_pledge((SELECT name FROM donors WHERE id = intent.donor_id),
                            (SELECT code FROM funds WHERE id = intent.fund_id),
                            coalesce(p_amount, intent.amount), p_voted_on, p_deliberation, p_actor, NULL);
    UPDATE pledge_intents SET pledge_id = pledge.id WHERE id = intent.id;
    PERFORM complete_idempotency_key(p_idempotency_key, pledge.id);
    RETURN pledge;
END
$$;
