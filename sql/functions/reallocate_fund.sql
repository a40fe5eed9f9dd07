-- A fund's money given to another fund's purpose, with the donors' agreement (its reference
-- and the day it was given): 6581 / 512 in the fund given up, 512 / 7581 in the fund receiving,
-- both dated p_on, and one fund_settlements row linking them. p_amount NULL: all the fund holds.
-- Both bank rows are locked in id order first: two reallocations crossing each other queue
-- rather than deadlock, and none can take more than the fund holds.
CREATE OR REPLACE FUNCTION reallocate_fund(p_from text, p_to text, p_amount bigint, p_on date,
                                           p_reference text, p_agreed_on date,
                                           p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS fund_settlements LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    source funds := fund_by_code(p_from);
    target funds := fund_by_code(p_to, 'to');
    earlier bigint;
    source_bank bigint;
    target_bank bigint;
    moved bigint;
    out_entry bigint;
    in_entry bigint;
    settlement fund_settlements;
BEGIN
    IF source.id = target.id THEN
        RAISE EXCEPTION 'réaffectation du fonds % à lui-même : choisissez un autre fonds', source.code
            USING ERRCODE = 'FL016', COLUMN = 'to';
    END IF;
    PERFORM require_settlement_terms('reallocation', p_reference, p_agreed_on, p_on, p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'reallocate_fund',
        jsonb_build_object('from', source.id, 'to', target.id, 'amount', p_amount, 'on', p_on,
                           'reference', p_reference, 'agreed_on', p_agreed_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO settlement FROM fund_settlements WHERE id = earlier;
        RETURN settlement;
    END IF;
    PERFORM require_fund_accepts(source.id, p_on, 'reallocation');
    PERFORM require_fund_accepts(target.id, p_on, 'reallocation');

    source_bank := ledger_account('512000', source.id, NULL, NULL);
    target_bank := ledger_account('512000', target.id, NULL, NULL);
    PERFORM 1 FROM accounts WHERE id IN (source_bank, target_bank) ORDER BY id FOR NO KEY UPDATE;
    -- Then both chain heads, in fund id order too (seal_entries would take them entry by entry,
    -- the source's first): two entries in two funds, sealed without a deadlock whatever the direction.
    PERFORM 1 FROM entry_chain_heads h WHERE h.fund_id IN (source.id, target.id) ORDER BY h.fund_id FOR NO KEY UPDATE;
    moved := settlement_amount(source, source_bank, p_amount, 'reallocation');

    out_entry := new_entry(source.id, 'reallocation', p_on,
        format('Réaffectation au fonds %s — accord des donateurs %s du %s', target.code, btrim(p_reference),
               to_char(p_agreed_on, 'DD/MM/YYYY')), p_actor);
    INSERT INTO postings (entry_id, account_id, amount) VALUES
        (out_entry, ledger_account('658100', source.id, NULL, NULL), moved),
        (out_entry, source_bank, -moved);
    in_entry := new_entry(target.id, 'reallocation', p_on,
        format('Réaffectation depuis le fonds %s — accord des donateurs %s du %s', source.code, btrim(p_reference),
               to_char(p_agreed_on, 'DD/MM/YYYY')), p_actor);
    INSERT INTO postings (entry_id, account_id, amount) VALUES
        (in_entry, target_bank, moved),
        (in_entry, ledger_account('758100', target.id, NULL, NULL), -moved);
    INSERT INTO fund_settlements (kind, fund_id, target_fund_id, amount, settled_on, reference, agreed_on,
                                  out_entry_id, in_entry_id, recorded_by)
    VALUES ('reallocation', source.id, target.id, moved, p_on, btrim(p_reference), p_agreed_on,
            out_entry, in_entry, coalesce(p_actor, session_user))
    RETURNING * INTO settlement;
    PERFORM complete_idempotency_key(p_idempotency_key, settlement.id);
    RETURN settlement;
END
$$;
