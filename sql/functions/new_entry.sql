-- plpgsql rather than SQL: its INSERT's plan is kept for the session (a SQL function that
-- cannot be inlined is parsed and planned again in each transaction).
CREATE OR REPLACE FUNCTION new_entry(p_fund_id bigint, p_kind text, p_value_date date, p_description text,
                          p_actor text, p_reverses bigint DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO journal_entries (fund_id, kind, value_date, description, recorded_by, reverses_entry_id)
    VALUES (p_fund_id, p_kind, p_value_date, p_description, coalesce(p_actor, session_user), p_reverses)
    RETURNING id INTO new_id;
    RETURN new_id;
END
$$;
