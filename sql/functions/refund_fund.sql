-- What a fund holds given back to its donors, pro rata of what each gave it (contributions not
-- reversed), on the board's decision (its reference and date): one entry, 6582 per donor / 512.
-- Shares are rounded down to the cent, then the cents left go one each to the largest
-- remainders (ties: the donor recorded first), so that they add up to the amount exactly: the
-- rule of the compte rendu (ProRataShare), which shows each donor the same share.
-- p_amount NULL: all the fund holds.
CREATE OR REPLACE FUNCTION refund_fund(p_fund text, p_amount bigint, p_on date,
                                       p_reference text, p_agreed_on date,
                                       p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS fund_settlements LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    fund funds := fund_by_code(p_fund);
    earlier bigint;
    bank bigint;
    refunded bigint;
    given bigint;
    entry bigint;
    settlement fund_settlements;
BEGIN
    PERFORM require_settlement_terms('refund', p_reference, p_agreed_on, p_on, p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'refund_fund',
        jsonb_build_object('fund', fund.id, 'amount', p_amount, 'on', p_on,
                           'reference', p_reference, 'agreed_on', p_agreed_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO settlement FROM fund_settlements WHERE id = earlier;
        RETURN settlement;
    END IF;
    PERFORM require_fund_accepts(fund.id, p_on, 'refund');

    bank := ledger_account('512000', fund.id, NULL, NULL);
    PERFORM 1 FROM accounts WHERE id = bank FOR NO KEY UPDATE;
    refunded := settlement_amount(fund, bank, p_amount, 'refund');
    SELECT sum(c.amount) INTO given FROM contribution_status c
     WHERE c.fund_id = fund.id AND c.reversed_by_entry_id IS NULL AND c.received_on <= p_on;
    IF coalesce(given, 0) = 0 THEN
        RAISE EXCEPTION 'le fonds % n’a reçu aucun versement de donateur : rien ne peut leur être rendu au prorata', fund.code
            USING ERRCODE = 'FL019', COLUMN = 'fund';
    END IF;

    entry := new_entry(fund.id, 'refund', p_on,
        format('Remboursement aux donateurs au prorata de leurs dons — décision %s du %s', btrim(p_reference),
               to_char(p_agreed_on, 'DD/MM/YYYY')), p_actor);
    INSERT INTO postings (entry_id, account_id, amount)
    WITH gifts AS (
        SELECT c.donor_id, sum(c.amount) AS gave
          FROM contribution_status c
         WHERE c.fund_id = fund.id AND c.reversed_by_entry_id IS NULL AND c.received_on <= p_on
         GROUP BY c.donor_id
    ), floors AS (
        SELECT donor_id,
               (refunded::numeric * gave / given) AS exact,
               floor(refunded::numeric * gave / given)::bigint AS share
          FROM gifts
    ), ranked AS (
        SELECT donor_id, share,
               row_number() OVER (ORDER BY exact - share DESC, donor_id) AS rank
          FROM floors
    ), shares AS (
        SELECT donor_id, share + CASE WHEN rank <= refunded - (SELECT sum(share) FROM floors) THEN 1 ELSE 0 END AS amount
          FROM ranked
    )
    -- One statement, so that the entry's postings are checked together.
    SELECT entry, ledger_account('658200', fund.id, donor_id, NULL), amount FROM shares WHERE amount > 0
    UNION ALL
    SELECT entry, bank, -refunded;
    INSERT INTO fund_settlements (kind, fund_id, amount, settled_on, reference, agreed_on, out_entry_id, recorded_by)
    VALUES ('refund', fund.id, refunded, p_on, btrim(p_reference), p_agreed_on, entry, coalesce(p_actor, session_user))
    RETURNING * INTO settlement;
    PERFORM complete_idempotency_key(p_idempotency_key, settlement.id);
    RETURN settlement;
END
$$;
