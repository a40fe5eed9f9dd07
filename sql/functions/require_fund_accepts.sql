-- Rule: does a fund accept something new dated p_day? The one definition, used by the journal
-- trigger (every entry, whoever writes it: one call, the import, psql), by the events before
-- they write (so that their refusal comes first and says what was refused), and by the import
-- to list each refused line (fund_refusal gives the reason without raising).
--   * a closed fund accepts nothing but the year-end's fonds dédiés ('year_end', which release
--     what it still carried on 194); a closing fund accepts no new pledge;
--   * nothing is dated before the fund opened, nor more than a year ahead (p_day NULL: undated);
--   * nothing is dated on or before the day the books are closed through (FL018: a closed
--     period; corrections are dated in the open one);
--   * money is received or paid today (ledger_today(): the association's day) or before: only a
--     pledge may be dated ahead.
-- require_fund_accepts reads the fund row under a share lock, held to the end of the
-- transaction: closing the fund (set_fund_status takes the row's update lock) waits for every
-- entry in flight, and an entry in flight waits for a closing in progress, then sees it. Under
-- REPEATABLE READ, a fund changed since the transaction began is a serialization failure
-- (40001), which clients retry.
-- fund_refusal is plpgsql rather than SQL: a SQL function that cannot be inlined is parsed and
-- planned again in every transaction that calls it, plpgsql keeps its plans for the session.
CREATE OR REPLACE FUNCTION fund_refusal(p_fund funds, p_day date, p_what text,
                                        OUT code text, OUT reason text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    code := CASE WHEN (p_fund.status = 'closed' AND p_what <> 'year_end') OR (p_fund.status = 'closing' AND p_what = 'pledge') THEN 'FL011'
                WHEN p_day <= p_fund.books_closed_through THEN 'FL018'
                WHEN p_day < p_fund.opened_on OR p_day > ledger_today() + 366 THEN 'FL020'
                WHEN p_what <> 'pledge' AND p_day > ledger_today() THEN 'FL020' END;
    IF code IS NULL THEN
        RETURN;
    END IF;
    reason := CASE WHEN p_fund.status = 'closed' AND p_what <> 'year_end'
                    THEN format('fund %s is closed since %s: no new %s', p_fund.code, p_fund.closed_on, p_what)
                WHEN p_fund.status = 'closing' AND p_what = 'pledge'
                    THEN format('fund %s is closing: no new pledge', p_fund.code)
                WHEN p_day <= p_fund.books_closed_through
                    THEN format('période close : les comptes sont clos jusqu’au %s, rien ne peut être daté du %s ; '
                                || 'datez la correction dans la période ouverte', p_fund.books_closed_through, p_day)
                WHEN p_day < p_fund.opened_on
                    THEN format('fund %s opened on %s: a %s cannot be dated %s', p_fund.code, p_fund.opened_on, p_what, p_day)
                WHEN p_day > ledger_today() + 366
                    THEN format('a %s cannot be dated %s (more than a year ahead)', p_what, p_day)
                WHEN p_what <> 'pledge' AND p_day > ledger_today()
                    THEN format('date à venir : un %s ne peut être daté du %s, après aujourd’hui (%s) ; seule une promesse peut l’être',
                                CASE p_what WHEN 'contribution' THEN 'versement' WHEN 'disbursement' THEN 'paiement' WHEN 'refund' THEN 'remboursement' WHEN 'reallocation' THEN 'réaffectation' ELSE 'mouvement' END,
                                p_day, ledger_today()) END;
END
$$;

CREATE OR REPLACE FUNCTION require_fund_accepts(p_fund_id bigint, p_day date, p_what text)
RETURNS funds LANGUAGE plpgsql AS $$
DECLARE
    fund funds;
    refusal record;
BEGIN
    PERFORM check_ledger_date(p_day);   -- FL017 first: 'infinity' is no day at all
    SELECT * INTO fund FROM funds WHERE id = p_fund_id FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown fund %', p_fund_id USING ERRCODE = 'FL013', TABLE = 'funds';
    END IF;
    refusal := fund_refusal(fund, p_day, p_what);
    IF refusal.code = 'FL011' THEN
        RAISE EXCEPTION '%', refusal.reason USING ERRCODE = 'FL011', TABLE = 'funds';
    ELSIF refusal.code = 'FL018' THEN
        RAISE EXCEPTION '%', refusal.reason USING ERRCODE = 'FL018', COLUMN = 'value_date';
    ELSIF refusal.code IS NOT NULL THEN
        RAISE EXCEPTION '%', refusal.reason USING ERRCODE = 'FL020', COLUMN = 'value_date';
    END IF;
    RETURN fund;
END
$$;
