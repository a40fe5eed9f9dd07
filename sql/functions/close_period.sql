-- Closes the books through p_through (a day before today): afterwards no entry dated on or
-- before it can be written, by anyone (fund_refusal, FL018), and every entry dated so far is
-- validated (validate_entries). Closing takes the funds' table lock that keeps new funds and
-- status changes out, and each fund row's update lock, so it waits for every entry in flight;
-- entries that follow see the new date. A period is never reopened: an earlier date is refused;
-- the same date again changes nothing and says so (newly_closed false).
-- Answers one row per journal and year validated, or one row with journal NULL.
CREATE OR REPLACE FUNCTION close_period(p_through date, p_actor text DEFAULT NULL)
RETURNS TABLE (closed_through date, newly_closed boolean, journal text, fiscal_year integer,
               validated integer, first_number integer, last_number integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    already date;
BEGIN
    IF p_through IS NULL THEN
        RAISE EXCEPTION 'date de clôture manquante (--through)' USING ERRCODE = 'FL020', COLUMN = 'through';
    END IF;
    PERFORM check_ledger_date(p_through);
    IF p_through >= ledger_today() THEN
        RAISE EXCEPTION 'on ne clôt qu’une période passée : le % n’est pas avant aujourd’hui (%)', p_through, ledger_today()
            USING ERRCODE = 'FL020', COLUMN = 'through';
    END IF;
    LOCK TABLE funds IN SHARE ROW EXCLUSIVE MODE;
    SELECT max(c.closed_through) INTO already FROM period_closures c;
    IF already > p_through THEN
        RAISE EXCEPTION 'les comptes sont déjà clos jusqu’au % : une période close ne se rouvre pas', already
            USING ERRCODE = 'FL018', COLUMN = 'through';
    END IF;
    IF already = p_through THEN
        RETURN QUERY SELECT p_through, false, NULL::text, NULL::integer, 0, NULL::integer, NULL::integer;
        RETURN;
    END IF;
    UPDATE funds SET books_closed_through = p_through;
    INSERT INTO period_closures (closed_through, closed_by) VALUES (p_through, coalesce(p_actor, session_user));
    RETURN QUERY SELECT p_through, true, v.journal, v.fiscal_year, v.validated, v.first_number, v.last_number
                   FROM validate_entries(p_through, p_actor) v;
    IF NOT FOUND THEN
        RETURN QUERY SELECT p_through, true, NULL::text, NULL::integer, 0, NULL::integer, NULL::integer;
    END IF;
END
$$;
