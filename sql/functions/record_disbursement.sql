-- A tranche paid to a partner: 657 fund·project (debit) / 512 fund (credit). The fund's bank
-- row is locked first, so concurrent disbursements queue and none can overdraw the fund.
CREATE OR REPLACE FUNCTION record_disbursement(p_project_id bigint, p_milestone_id bigint, p_amount bigint, p_paid_on date,
                                    p_reference text, p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS disbursements LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    project projects;
    fund funds;
    earlier bigint;
    bank bigint;
    available bigint;
    entry_id bigint;
    disbursement disbursements;
BEGIN
    PERFORM require_positive_amount(p_amount);
    SELECT * INTO project FROM projects WHERE id = p_project_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown project %', p_project_id USING ERRCODE = 'FL013', TABLE = 'projects';
    END IF;
    SELECT * INTO fund FROM funds WHERE id = project.fund_id;
    IF p_milestone_id IS NOT NULL AND NOT EXISTS (SELECT FROM milestones WHERE id = p_milestone_id) THEN
        RAISE EXCEPTION 'unknown milestone %', p_milestone_id USING ERRCODE = 'FL013', TABLE = 'milestones';
    END IF;
    IF p_milestone_id IS NOT NULL
       AND NOT EXISTS (SELECT FROM milestones WHERE id = p_milestone_id AND project_id = p_project_id) THEN
        RAISE EXCEPTION 'milestone % does not belong to project %', p_milestone_id, p_project_id
            USING ERRCODE = 'FL016', COLUMN = 'milestone';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'record_disbursement',
        jsonb_build_object('project', p_project_id, 'milestone', p_milestone_id, 'amount', p_amount,
                           'on', p_paid_on, 'reference', p_reference));
    IF earlier IS NOT NULL THEN
        SELECT * INTO disbursement FROM disbursements WHERE id = earlier;
        RETURN disbursement;
    END IF;
    PERFORM require_fund_accepts(fund.id, p_paid_on, 'disbursement');

    bank := ledger_account('512000', fund.id, NULL, NULL);
    SELECT balance INTO available FROM accounts WHERE id = bank FOR NO KEY UPDATE;
    IF available < p_amount THEN
        RAISE EXCEPTION 'fund % holds %: a disbursement of % would overdraw it (project %)',
            fund.code, euros(available), euros(p_amount), p_project_id
            USING ERRCODE = 'FL010', COLUMN = 'amount', DETAIL = format('available=%s requested=%s', available, p_amount);
    END IF;

    entry_id := new_entry(fund.id, 'disbursement', p_paid_on,
        format('Versement au partenaire — projet %s%s', p_project_id, coalesce(' — ' || p_reference, '')), p_actor);
    INSERT INTO disbursements (fund_id, project_id, milestone_id, amount, paid_on, reference, entry_id)
    VALUES (fund.id, p_project_id, p_milestone_id, p_amount, p_paid_on, p_reference, entry_id)
    RETURNING * INTO disbursement;
    INSERT INTO postings (entry_id, account_id, amount, milestone_id) VALUES
        (entry_id, ledger_account('657000', fund.id, NULL, p_project_id), p_amount, p_milestone_id),
        (entry_id, bank, -p_amount, p_milestone_id);
    PERFORM complete_idempotency_key(p_idempotency_key, disbursement.id);
    RETURN disbursement;
END
$$;
