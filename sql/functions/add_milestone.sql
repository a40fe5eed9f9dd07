CREATE OR REPLACE FUNCTION add_milestone(p_project_id bigint, p_title text, p_due_on date, p_tranche bigint,
                              p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS milestones LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    milestone milestones;
BEGIN
    IF NOT EXISTS (SELECT FROM projects WHERE id = p_project_id) THEN
        RAISE EXCEPTION 'unknown project %', p_project_id USING ERRCODE = 'FL013', TABLE = 'projects';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'add_milestone',
        jsonb_build_object('project', p_project_id, 'title', p_title, 'due_on', p_due_on, 'tranche', p_tranche));
    IF earlier IS NOT NULL THEN
        SELECT * INTO milestone FROM milestones WHERE id = earlier;
        RETURN milestone;
    END IF;
    INSERT INTO milestones (project_id, title, due_on, tranche) VALUES (p_project_id, p_title, p_due_on, p_tranche)
    RETURNING * INTO milestone;
    PERFORM complete_idempotency_key(p_idempotency_key, milestone.id);
    RETURN milestone;
END
$$;
