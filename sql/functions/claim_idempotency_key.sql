-- NULL when the key is new (now claimed by this transaction) or absent; otherwise the id the
-- first request produced. The same key for a different request is refused.
CREATE OR REPLACE FUNCTION claim_idempotency_key(p_key text, p_operation text, p_request jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    earlier idempotency_keys;
BEGIN
    IF p_key IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO idempotency_keys (key, operation, request) VALUES (p_key, p_operation, p_request)
    ON CONFLICT (key) DO NOTHING;
    IF FOUND THEN
        RETURN NULL;
    END IF;
    SELECT * INTO earlier FROM idempotency_keys WHERE key = p_key;
    IF earlier.operation <> p_operation OR earlier.request <> p_request THEN
        RAISE EXCEPTION 'idempotency key "%" was already used for a different request', p_key
            USING ERRCODE = 'FL409', COLUMN = 'idempotency_key',
                  DETAIL = format('first used by %s with %s', earlier.operation, earlier.request);
    END IF;
    RETURN earlier.result_id;
END
$$;
