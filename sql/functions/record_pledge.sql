-- A pledge voted by a collectivité: 441 donor (debit) / 74 fund (credit).
CREATE OR REPLACE FUNCTION record_pledge(p_donor_name text, p_fund_code text, p_amount bigint, p_pledged_on date,
                              p_reference text, p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS pledges LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    donor donors := donor_by_name(p_donor_name);
    fund funds := fund_by_code(p_fund_code);
    earlier bigint;
    entry_id bigint;
    pledge pledges;
BEGIN
    PERFORM require_positive_amount(p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'record_pledge',
        jsonb_build_object('donor', donor.id, 'fund', fund.id, 'amount', p_amount,
                           'on', p_pledged_on, 'reference', p_reference));
    IF earlier IS NOT NULL THEN
        SELECT * INTO pledge FROM pledges WHERE id = earlier;
        RETURN pledge;
    END IF;
    PERFORM require_fund_accepts(fund.id, p_pledged_on, 'pledge');
    entry_id := new_entry(fund.id, 'pledge', p_pledged_on,
                          format('Promesse %s — %s', donor.name, coalesce(p_reference, 'sans référence')), p_actor);
    INSERT INTO pledges (donor_id, fund_id, amount, pledged_on, reference, entry_id)
    VALUES (donor.id, fund.id, p_amount, p_pledged_on, p_reference, entry_id)
    RETURNING * INTO pledge;
    INSERT INTO postings (entry_id, account_id, amount, pledge_id) VALUES
        (entry_id, ledger_account('441700', fund.id, donor.id, NULL), p_amount, pledge.id),
        (entry_id, ledger_account('740000', fund.id, NULL, NULL), -p_amount, pledge.id);
    PERFORM complete_idempotency_key(p_idempotency_key, pledge.id);
    RETURN pledge;
END
$$;
