-- plpgsql rather than SQL, as every function a write calls: a SQL function that cannot be inlined
-- is parsed and planned again in each transaction, plpgsql keeps its plans for the session.
CREATE OR REPLACE FUNCTION complete_idempotency_key(p_key text, p_result_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE idempotency_keys SET result_id = p_result_id WHERE key = p_key;
END
$$;
