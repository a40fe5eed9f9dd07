-- Cents as people read them in messages: 1 234,56 € (narrow no-break space between thousands,
-- no-break space before €), as Money.french does in Swift.
CREATE OR REPLACE FUNCTION euros(p_cents bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_cents < 0 THEN '-' ELSE '' END
           || regexp_replace((abs(p_cents) / 100)::text, '(\d)(?=(\d{3})+$)', E'\\1\u202F', 'g')
           || ',' || lpad((abs(p_cents) % 100)::text, 2, '0') || E'\u00A0€';
$$;
