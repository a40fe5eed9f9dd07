CREATE OR REPLACE FUNCTION add_project(p_fund_code text, p_partner_name text, p_title text, p_budget bigint,
                            p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS projects LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    fund funds := fund_by_code(p_fund_code);
    partner partners := partner_by_name(p_partner_name);
    earlier bigint;
    project projects;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'add_project',
        jsonb_build_object('fund', fund.id, 'partner', partner.id, 'title', p_title, 'budget', p_budget));
    IF earlier IS NOT NULL THEN
        SELECT * INTO project FROM projects WHERE id = earlier;
        RETURN project;
    END IF;
    PERFORM require_fund_accepts(fund.id, NULL, 'project');
    INSERT INTO projects (fund_id, partner_id, title, budget) VALUES (fund.id, partner.id, p_title, p_budget)
    RETURNING * INTO project;
    PERFORM complete_idempotency_key(p_idempotency_key, project.id);
    RETURN project;
END
$$;
