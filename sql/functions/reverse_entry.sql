-- The exact opposite of an entry, linked to it; both stay in the journal. A pledge that has
-- received money cannot be reversed (write off its remainder instead); a contribution whose
-- money was already paid out cannot be reversed (the fund would go below zero).
CREATE OR REPLACE FUNCTION reverse_entry(p_entry_id bigint, p_reason text, p_on date,
                              p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS journal_entries LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    original journal_entries;
    earlier bigint;
    entry journal_entries;
    reversal_id bigint;
    bank bigint;
    available bigint;
    bank_change bigint;
    cancelled_pledge bigint;
BEGIN
    -- Locked: two reversals of one entry at once queue here, and the second is refused below
    -- in words (not by the unique constraint's raw message).
    SELECT * INTO original FROM journal_entries WHERE id = p_entry_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown journal entry %', p_entry_id USING ERRCODE = 'FL013', TABLE = 'journal_entries';
    END IF;
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a reversal needs a reason' USING ERRCODE = 'FL020', COLUMN = 'reason';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'reverse_entry',
        jsonb_build_object('entry', p_entry_id, 'reason', p_reason, 'on', p_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO entry FROM journal_entries WHERE id = earlier;
        RETURN entry;
    END IF;
    IF original.reverses_entry_id IS NOT NULL THEN
        RAISE EXCEPTION 'entry % is itself a reversal (of entry %) and cannot be reversed', p_entry_id,
            original.reverses_entry_id USING ERRCODE = 'FL014';
    END IF;
    -- A settlement moved money out of a fund on an agreement: it is answered by another
    -- settlement (a reallocation back), not erased; and the year-end's entries are the year's.
    IF original.kind IN ('reallocation', 'refund', 'dedicated_funds', 'dedicated_transfer', 'accrual') THEN
        RAISE EXCEPTION 'l’écriture % ne s’annule pas : %', p_entry_id,
            CASE original.kind
                 WHEN 'reallocation' THEN 'une réaffectation se corrige par une réaffectation en sens inverse (fundledger fund reallocate)'
                 WHEN 'refund' THEN 'l’argent rendu aux donateurs est sorti du fonds ; s’ils le renvoient, enregistrez leurs versements'
                 ELSE 'les écritures de fin d’exercice appartiennent à l’exercice clos' END
            USING ERRCODE = 'FL014';
    END IF;
    SELECT id INTO reversal_id FROM journal_entries WHERE reverses_entry_id = p_entry_id;
    IF FOUND THEN
        RAISE EXCEPTION 'entry % was already reversed by entry %', p_entry_id, reversal_id USING ERRCODE = 'FL014';
    END IF;
    IF original.kind = 'pledge' THEN
        SELECT id INTO cancelled_pledge FROM pledges WHERE pledges.entry_id = p_entry_id FOR NO KEY UPDATE;
        IF EXISTS (SELECT FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                    WHERE p.pledge_id = cancelled_pledge AND e.kind IN ('contribution', 'pledge_write_off')
                    GROUP BY e.kind HAVING sum(p.amount) <> 0) THEN
            RAISE EXCEPTION 'pledge % has received money or was written off: it cannot be cancelled', cancelled_pledge
                USING ERRCODE = 'FL015', HINT = 'write off what it still expects instead';
        END IF;
    END IF;

    -- A friendly refusal before the bank CHECK would refuse anyway.
    SELECT sum(p.amount) INTO bank_change FROM postings p JOIN accounts a ON a.id = p.account_id
     WHERE p.entry_id = p_entry_id AND a.number = '512000';
    IF bank_change > 0 THEN
        bank := ledger_account('512000', original.fund_id, NULL, NULL);
        SELECT balance INTO available FROM accounts WHERE id = bank FOR NO KEY UPDATE;
        IF available < bank_change THEN
            RAISE EXCEPTION 'reversing entry % would take % out of a fund that holds %',
                p_entry_id, euros(bank_change), euros(available) USING ERRCODE = 'FL010';
        END IF;
    END IF;

    reversal_id := new_entry(original.fund_id, original.kind, coalesce(p_on, ledger_today()),
                          format('Annulation de l''écriture %s — %s', p_entry_id, btrim(p_reason)),
                          p_actor, p_entry_id);
    INSERT INTO postings (entry_id, account_id, amount, pledge_id, milestone_id)
    SELECT reversal_id, p.account_id, -p.amount, p.pledge_id, p.milestone_id
      FROM postings p WHERE p.entry_id = p_entry_id ORDER BY p.id;
    SELECT * INTO entry FROM journal_entries WHERE id = reversal_id;
    PERFORM complete_idempotency_key(p_idempotency_key, reversal_id);
    RETURN entry;
END
$$;
