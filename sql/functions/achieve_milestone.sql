CREATE OR REPLACE FUNCTION achieve_milestone(p_milestone_id bigint, p_on date,
                                  p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS milestones LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    milestone milestones;
BEGIN
    SELECT * INTO milestone FROM milestones WHERE id = p_milestone_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown milestone %', p_milestone_id USING ERRCODE = 'FL013', TABLE = 'milestones';
    END IF;
    IF p_on IS NULL THEN
        RAISE EXCEPTION 'a milestone is achieved on a day: none given' USING ERRCODE = 'FL020', COLUMN = 'on';
    END IF;
    IF p_on > ledger_today() OR p_on < (SELECT f.opened_on FROM projects p JOIN funds f ON f.id = p.fund_id
                                        WHERE p.id = milestone.project_id) THEN
        RAISE EXCEPTION 'milestone % cannot be achieved on %: not before its fund opened, not after today', p_milestone_id, p_on
            USING ERRCODE = 'FL020', COLUMN = 'on';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'achieve_milestone',
        jsonb_build_object('milestone', p_milestone_id, 'on', p_on));
    IF earlier IS NOT NULL THEN
        RETURN milestone;
    END IF;
    IF milestone.achieved_on IS NOT NULL THEN
        RAISE EXCEPTION 'milestone % was already achieved on %', p_milestone_id, milestone.achieved_on
            USING ERRCODE = 'FL016', TABLE = 'milestones', COLUMN = 'achieved_on';
    END IF;
    UPDATE milestones SET achieved_on = p_on WHERE id = p_milestone_id RETURNING * INTO milestone;
    PERFORM complete_idempotency_key(p_idempotency_key, milestone.id);
    RETURN milestone;
END
$$;
