-- The year's last step (`fundledger year-end --year Y`, admin). First, each tranche owed on 31
-- December — a milestone achieved by then, its tranche not all paid — is a charge à payer of the
-- year: 657 (the project) / 4686, reversed (extourne) on 1 January, when the payment will come.
-- Then per fund, on 31 December:
--   F0 = fonds dédiés at the start of the year (194, credit balance), R = the year's resources
--   (74, net of write-offs), U = the year's uses (657 grants net of reversals, 6582 refunds to
--   donors), Tout = reallocated to other funds (6581), Tin = reallocated from them (7581);
--   moved = least(Tout, F0), released 194 / 7894 as a transfer: earlier years' money
--   reallocated goes first;
--   used = least(U, F0 − moved), released 194 / 7894: earlier years' money spent this year first;
--   unspent = R + Tin − (Tout − moved) − (U − used), the year's money not yet spent, posted
--   6894 / 194: first what came from other funds (received = least(Tin, unspent), a transfer),
--   then the rest (new).
-- So the fund's result for the year is R + Tin − U − Tout + moved + used − received − new: zero
-- while it holds restricted money. Transfers are entries of kind 'dedicated_transfer', the
-- "transferred" column of dedicated_funds_table.
-- Then it closes the period through 31 December (close_period: the year's entries are
-- validated, nothing more can be dated in it) and records the year in year_end_closings.
-- A year already closed this way changes nothing (already true). One row per fund.
CREATE OR REPLACE FUNCTION close_year(p_year integer, p_actor text DEFAULT NULL)
RETURNS TABLE (already boolean, fund_code text, opening bigint, added bigint, used bigint, transferred bigint,
               closing bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    year_end date;
    fund funds;
    f0 bigint;
    r bigint;
    u bigint;
    t_in bigint;
    t_out bigint;
    moved bigint;
    use_prior bigint;
    unspent bigint;
    received bigint;
    dedicate bigint;
    entry bigint;
    owed record;
BEGIN
    IF p_year IS NULL OR p_year NOT BETWEEN 1901 AND 2100 THEN
        RAISE EXCEPTION 'exercice « % » : une année attendue, par exemple 2025', p_year
            USING ERRCODE = 'FL020', COLUMN = 'year';
    END IF;
    year_end := make_date(p_year, 12, 31);
    LOCK TABLE year_end_closings IN SHARE ROW EXCLUSIVE MODE;
    IF NOT EXISTS (SELECT FROM year_end_closings c WHERE c.fiscal_year = p_year) THEN
        IF year_end >= ledger_today() THEN
            RAISE EXCEPTION 'l’exercice % n’est pas terminé : il se clôt après le 31 décembre', p_year
                USING ERRCODE = 'FL020', COLUMN = 'year';
        END IF;
        IF EXISTS (SELECT FROM funds f WHERE f.books_closed_through >= year_end) THEN
            RAISE EXCEPTION 'les comptes sont déjà clos jusqu’au % sans fin d’exercice %: les fonds dédiés ne peuvent plus y être datés',
                (SELECT max(f.books_closed_through) FROM funds f), p_year USING ERRCODE = 'FL018', COLUMN = 'year';
        END IF;
        FOR owed IN
            SELECT m.id AS milestone_id, m.title, p.id AS project_id, p.fund_id,
                   m.tranche - milestone_paid(m.id, year_end) AS amount
              FROM milestones m
              JOIN projects p ON p.id = m.project_id
              JOIN funds f ON f.id = p.fund_id AND f.status <> 'closed'
             WHERE m.achieved_on <= year_end AND m.tranche > milestone_paid(m.id, year_end)
             ORDER BY p.fund_id, m.id
        LOOP
            entry := new_entry(owed.fund_id, 'accrual', year_end,
                format('Charge à payer — tranche de l’étape « %s » (projet %s), atteinte et non versée', owed.title, owed.project_id),
                p_actor);
            INSERT INTO postings (entry_id, account_id, amount, milestone_id) VALUES
                (entry, ledger_account('657000', owed.fund_id, NULL, owed.project_id), owed.amount, owed.milestone_id),
                (entry, ledger_account('468600', owed.fund_id, NULL, NULL), -owed.amount, owed.milestone_id);
            entry := new_entry(owed.fund_id, 'accrual', year_end + 1,
                format('Extourne de la charge à payer de l’écriture %s', entry), p_actor, entry);
            INSERT INTO postings (entry_id, account_id, amount, milestone_id) VALUES
                (entry, ledger_account('657000', owed.fund_id, NULL, owed.project_id), -owed.amount, owed.milestone_id),
                (entry, ledger_account('468600', owed.fund_id, NULL, NULL), owed.amount, owed.milestone_id);
        END LOOP;
        FOR fund IN SELECT * FROM funds ORDER BY code LOOP
            SELECT coalesce(-sum(p.amount) FILTER (WHERE a.number = '194000' AND e.value_date < make_date(p_year, 1, 1)), 0),
                   coalesce(-sum(p.amount) FILTER (WHERE a.number = '740000' AND e.value_date >= make_date(p_year, 1, 1)), 0),
                   coalesce(sum(p.amount) FILTER (WHERE a.number IN ('657000', '658200') AND e.value_date >= make_date(p_year, 1, 1)), 0),
                   coalesce(-sum(p.amount) FILTER (WHERE a.number = '758100' AND e.value_date >= make_date(p_year, 1, 1)), 0),
                   coalesce(sum(p.amount) FILTER (WHERE a.number = '658100' AND e.value_date >= make_date(p_year, 1, 1)), 0)
              INTO f0, r, u, t_in, t_out
              FROM postings p
              JOIN accounts a ON a.id = p.account_id AND a.fund_id = fund.id
              JOIN journal_entries e ON e.id = p.entry_id AND e.value_date <= year_end;
            moved := greatest(least(t_out, f0), 0);
            use_prior := greatest(least(u, f0 - moved), 0);
            unspent := greatest(r + t_in - (t_out - moved) - (u - use_prior), 0);
            received := greatest(least(t_in, unspent), 0);
            dedicate := unspent - received;
            PERFORM post_dedicated_funds(fund.id, 'dedicated_transfer', year_end, '194000', '789400', moved,
                format('Fonds dédiés des exercices antérieurs réaffectés à un autre fonds — exercice %s', p_year), p_actor);
            PERFORM post_dedicated_funds(fund.id, 'dedicated_funds', year_end, '194000', '789400', use_prior,
                format('Utilisation des fonds dédiés des exercices antérieurs — exercice %s', p_year), p_actor);
            PERFORM post_dedicated_funds(fund.id, 'dedicated_transfer', year_end, '689400', '194000', received,
                format('Report en fonds dédiés des ressources reçues d’un autre fonds, non utilisées — exercice %s', p_year), p_actor);
            PERFORM post_dedicated_funds(fund.id, 'dedicated_funds', year_end, '689400', '194000', dedicate,
                format('Report en fonds dédiés des ressources non utilisées — exercice %s', p_year), p_actor);
        END LOOP;
        INSERT INTO year_end_closings (fiscal_year, closed_by) VALUES (p_year, coalesce(p_actor, session_user));
        PERFORM close_period(year_end, p_actor);
        RETURN QUERY SELECT false, t.* FROM dedicated_funds_table(p_year) t;
    ELSE
        RETURN QUERY SELECT true, t.* FROM dedicated_funds_table(p_year) t;
    END IF;
END
$$;
