-- Money received: 512 fund (debit) / 441 donor for what the donor's pledges still expect, as
-- allocate_to_pledges says (the pledge named, or the open ones oldest first) / 74 fund for the
-- rest (a gift without pledge, or above it).
-- p_apply_to_pledges = false records a gift without pledge even if one is open.
CREATE OR REPLACE FUNCTION record_contribution(p_donor_name text, p_fund_code text, p_amount bigint, p_received_on date,
                                    p_pledge_id bigint, p_apply_to_pledges boolean, p_reference text,
                                    p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS contributions LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    donor donors := donor_by_name(p_donor_name);
    fund funds := fund_by_code(p_fund_code);
    earlier bigint;
    entry_id bigint;
    contribution contributions;
    named pledges;
    pledges_paid bigint[];
    amounts_paid bigint[];
    paid bigint;
    -- The contribution's id, drawn first so that the idempotency key is written whole, once.
    contribution_id bigint := nextval('contributions_id_seq'::regclass);
BEGIN
    PERFORM require_positive_amount(p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'record_contribution',
        jsonb_build_object('donor', donor.id, 'fund', fund.id, 'amount', p_amount, 'on', p_received_on,
                           'pledge', p_pledge_id, 'apply', p_apply_to_pledges, 'reference', p_reference),
        contribution_id);
    IF earlier IS NOT NULL THEN
        SELECT * INTO contribution FROM contributions WHERE id = earlier;
        RETURN contribution;
    END IF;
    PERFORM require_fund_accepts(fund.id, p_received_on, 'contribution');
    IF p_reference IS NOT NULL AND EXISTS (SELECT FROM contributions WHERE donor_id = donor.id AND reference = p_reference) THEN
        RAISE EXCEPTION 'reference "%" is already recorded for %', p_reference, donor.name
            USING ERRCODE = 'FL012', TABLE = 'contributions', COLUMN = 'reference';
    END IF;

    IF p_pledge_id IS NOT NULL THEN
        SELECT * INTO named FROM pledges WHERE id = p_pledge_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown pledge %', p_pledge_id USING ERRCODE = 'FL013', TABLE = 'pledges';
        END IF;
        IF named.donor_id <> donor.id OR named.fund_id <> fund.id THEN
            RAISE EXCEPTION 'pledge % is not a pledge of % to fund %', p_pledge_id, donor.name, fund.code
                USING ERRCODE = 'FL016', COLUMN = 'pledge';
        END IF;
        IF EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = named.entry_id) THEN
            RAISE EXCEPTION 'pledge % was cancelled', p_pledge_id USING ERRCODE = 'FL015', COLUMN = 'pledge';
        END IF;
    END IF;

    IF p_pledge_id IS NOT NULL OR coalesce(p_apply_to_pledges, true) THEN
        -- Lock the donor's pledges on this fund (in the order the import locks them) so that two
        -- receipts cannot both fill one pledge; then read what each still expects.
        PERFORM 1 FROM pledges pl WHERE pl.donor_id = donor.id AND pl.fund_id = fund.id
         ORDER BY pl.pledged_on, pl.id FOR NO KEY UPDATE;
        -- No pledge of the donor on the fund (the common case): nothing to allocate.
        IF FOUND THEN
            SELECT array_agg(a.pledge_id ORDER BY a.n), array_agg(a.applied ORDER BY a.n)
              INTO pledges_paid, amounts_paid
              FROM (SELECT array_agg(pl.id ORDER BY pl.pledged_on, pl.id) AS ids,
                           array_agg(pledge_outstanding(pl.id, p_received_on) ORDER BY pl.pledged_on, pl.id) AS outstanding,
                           array_agg(pl.pledged_on ORDER BY pl.pledged_on, pl.id) AS pledged_on,
                           array_agg(EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = pl.entry_id)
                                     ORDER BY pl.pledged_on, pl.id) AS cancelled
                      FROM pledges pl WHERE pl.donor_id = donor.id AND pl.fund_id = fund.id) open
             CROSS JOIN LATERAL allocate_to_pledges(ARRAY[1], ARRAY[p_amount], ARRAY[p_received_on], ARRAY[p_pledge_id],
                                                    open.ids, open.outstanding, open.pledged_on, open.cancelled)
                   WITH ORDINALITY AS a (line, pledge_id, applied, n);
        END IF;
    END IF;
    paid := coalesce((SELECT sum(x) FROM unnest(amounts_paid) x), 0);

    entry_id := new_entry(fund.id, 'contribution', p_received_on,
                          format('Versement %s — %s', donor.name, coalesce(p_reference, 'sans référence')), p_actor);
    INSERT INTO contributions (id, donor_id, fund_id, pledge_id, amount, received_on, reference, entry_id)
    OVERRIDING SYSTEM VALUE
    VALUES (contribution_id, donor.id, fund.id, coalesce(p_pledge_id, pledges_paid[1]), p_amount,
            p_received_on, p_reference, entry_id)
    RETURNING * INTO contribution;

    INSERT INTO postings (entry_id, account_id, amount, pledge_id)
    SELECT entry_id, ledger_account('512000', fund.id, NULL, NULL), p_amount, NULL
    UNION ALL
    SELECT entry_id, ledger_account('441700', fund.id, donor.id, NULL), -paid_amount, pledge
      FROM unnest(pledges_paid, amounts_paid) AS paid_to(pledge, paid_amount)
    UNION ALL
    SELECT entry_id, ledger_account('740000', fund.id, NULL, NULL), -(p_amount - paid), contribution.pledge_id
     WHERE p_amount > paid;

    RETURN contribution;
END
$$;
