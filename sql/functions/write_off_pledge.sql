-- What a pledge will not bring, for the outstanding amount: 74 fund (debit) / 441 donor (credit)
-- when it was voted in the same year, which cancels that year's revenue; 654 Pertes sur créances
-- irrécouvrables (debit) / 441 when it was voted in an earlier year, whose accounts are closed:
-- an accountant expects this year's charge, not this year's revenue made smaller.
-- Returns the write-off entry.
CREATE OR REPLACE FUNCTION write_off_pledge(p_pledge_id bigint, p_reason text, p_on date,
                                 p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS journal_entries LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    pledge pledges;
    earlier bigint;
    outstanding bigint;
    entry journal_entries;
    entry_id bigint;
BEGIN
    SELECT * INTO pledge FROM pledges WHERE id = p_pledge_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown pledge %', p_pledge_id USING ERRCODE = 'FL013', TABLE = 'pledges';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'write_off_pledge',
        jsonb_build_object('pledge', p_pledge_id, 'reason', p_reason, 'on', p_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO entry FROM journal_entries WHERE id = earlier;
        RETURN entry;
    END IF;
    IF EXISTS (SELECT FROM journal_entries WHERE reverses_entry_id = pledge.entry_id) THEN
        RAISE EXCEPTION 'pledge % was cancelled', p_pledge_id USING ERRCODE = 'FL015';
    END IF;
    IF p_on < pledge.pledged_on THEN
        RAISE EXCEPTION 'pledge % was voted on %: it cannot be written off on %', p_pledge_id, pledge.pledged_on, p_on
            USING ERRCODE = 'FL007', COLUMN = 'on';
    END IF;
    -- What it expects on p_on and every day after: a receipt reversed later does not make
    -- the days before expect it again.
    outstanding := pledge_outstanding(p_pledge_id, p_on);
    IF outstanding <= 0 THEN
        RAISE EXCEPTION 'pledge % has nothing outstanding to write off on %', p_pledge_id, p_on USING ERRCODE = 'FL015';
    END IF;
    entry_id := new_entry(pledge.fund_id, 'pledge_write_off', p_on,
        format('Abandon du solde de la promesse %s%s', p_pledge_id, coalesce(' — ' || p_reason, '')), p_actor);
    INSERT INTO postings (entry_id, account_id, amount, pledge_id) VALUES
        (entry_id, ledger_account(CASE WHEN extract(year FROM pledge.pledged_on) < extract(year FROM p_on)
                                       THEN '654000' ELSE '740000' END, pledge.fund_id, NULL, NULL),
         outstanding, p_pledge_id),
        (entry_id, ledger_account('441700', pledge.fund_id, pledge.donor_id, NULL), -outstanding, p_pledge_id);
    SELECT * INTO entry FROM journal_entries WHERE id = entry_id;
    PERFORM complete_idempotency_key(p_idempotency_key, entry_id);
    RETURN entry;
END
$$;
