-- Cancelling a pledge that has received nothing is reversing its entry.
CREATE OR REPLACE FUNCTION cancel_pledge(p_pledge_id bigint, p_reason text, p_on date,
                              p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS journal_entries LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    pledge_entry bigint;
BEGIN
    SELECT entry_id INTO pledge_entry FROM pledges WHERE id = p_pledge_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown pledge %', p_pledge_id USING ERRCODE = 'FL013', TABLE = 'pledges';
    END IF;
    RETURN reverse_entry(pledge_entry, coalesce(p_reason, format('annulation de la promesse %s', p_pledge_id)),
                         p_on, p_actor, p_idempotency_key);
END
$$;
