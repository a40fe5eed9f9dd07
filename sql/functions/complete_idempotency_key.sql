CREATE OR REPLACE FUNCTION complete_idempotency_key(p_key text, p_result_id bigint) RETURNS void
LANGUAGE sql AS $$
    UPDATE idempotency_keys SET result_id = p_result_id WHERE key = p_key;
$$;
