-- Keeps what a project is for and whom it reaches, as the quarterly report's narrative prints
-- them ("Distribution d'eau potable dans le nord de Gaza", "environ 3 000 personnes"). NULL
-- clears a text. Words, not money: no journal entry, and allowed whatever the fund's status
-- (a closed fund's report still tells its story).
CREATE OR REPLACE FUNCTION describe_project(p_project_id bigint, p_description text, p_beneficiaries text,
                                            p_actor text DEFAULT NULL)
RETURNS projects LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    project projects;
BEGIN
    UPDATE projects SET description = p_description, beneficiaries = p_beneficiaries
     WHERE id = p_project_id
    RETURNING * INTO project;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'projet n° % introuvable', p_project_id USING ERRCODE = 'FL013', TABLE = 'projects';
    END IF;
    RETURN project;
END
$$;
