CREATE OR REPLACE FUNCTION new_entry(p_fund_id bigint, p_kind text, p_value_date date, p_description text,
                          p_actor text, p_reverses bigint DEFAULT NULL)
RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO journal_entries (fund_id, kind, value_date, description, recorded_by, reverses_entry_id)
    VALUES (p_fund_id, p_kind, p_value_date, p_description, coalesce(p_actor, session_user), p_reverses)
    RETURNING id;
$$;
