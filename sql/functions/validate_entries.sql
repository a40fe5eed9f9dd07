-- Validates every entry dated on or before p_through that is not yet validated: each gets its
-- definitive FEC number (EcritureNum) in its journal and year, following the numbers already
-- given, in date then entry order, and today as its validation date (ValidDate). Never changed
-- afterwards (entry_validations is append-only). One validation at a time (the table's lock),
-- so that two never hand out the same number. Answers one row per journal and year validated.
CREATE OR REPLACE FUNCTION validate_entries(p_through date, p_actor text DEFAULT NULL)
RETURNS TABLE (journal text, fiscal_year integer, validated integer, first_number integer, last_number integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF p_through IS NULL THEN
        RAISE EXCEPTION 'date de validation manquante (--through)' USING ERRCODE = 'FL020', COLUMN = 'through';
    END IF;
    PERFORM check_ledger_date(p_through);
    IF p_through > ledger_today() THEN
        RAISE EXCEPTION 'on ne valide pas l’avenir : % est après aujourd’hui (%)', p_through, ledger_today()
            USING ERRCODE = 'FL020', COLUMN = 'through';
    END IF;
    LOCK TABLE entry_validations IN SHARE ROW EXCLUSIVE MODE;
    RETURN QUERY
    WITH candidates AS (
        SELECT e.id, fec_journal(e.kind) AS journal, extract(year FROM e.value_date)::integer AS fiscal_year,
               e.value_date
          FROM journal_entries e
         WHERE e.value_date <= p_through
           AND NOT EXISTS (SELECT FROM entry_validations v WHERE v.entry_id = e.id)
    ), numbered AS (
        SELECT c.id, c.journal, c.fiscal_year,
               (coalesce((SELECT max(v.number) FROM entry_validations v
                           WHERE v.journal = c.journal AND v.fiscal_year = c.fiscal_year), 0)
                + row_number() OVER (PARTITION BY c.journal, c.fiscal_year ORDER BY c.value_date, c.id))::integer AS number
          FROM candidates c
    ), inserted AS (
        INSERT INTO entry_validations (entry_id, journal, fiscal_year, number, validated_on, validated_by)
        SELECT n.id, n.journal, n.fiscal_year, n.number, ledger_today(), coalesce(p_actor, session_user)
          FROM numbered n
        RETURNING entry_validations.journal, entry_validations.fiscal_year, entry_validations.number
    )
    SELECT i.journal, i.fiscal_year, count(*)::integer, min(i.number), max(i.number)
      FROM inserted i
     GROUP BY i.journal, i.fiscal_year
     ORDER BY i.fiscal_year, i.journal;
END
$$;
