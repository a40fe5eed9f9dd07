-- NULL when the key is new (now claimed by this transaction) or absent; otherwise the id the
-- first request produced. The same key for a different request is refused.
-- p_result_id: the id the request will produce, when the caller can draw it before writing
-- (record_contribution draws its contribution's id from the table's sequence): the key is then
-- written whole in one INSERT, with no UPDATE of the same row once the write is done
-- (complete_idempotency_key). Either way the row becomes visible only when the transaction
-- commits, with what it points at; a concurrent request with the same key waits on it.
-- (Before issue 15 the function had no p_result_id: that signature is dropped.)
DROP FUNCTION IF EXISTS claim_idempotency_key(text, text, jsonb);
CREATE OR REPLACE FUNCTION claim_idempotency_key(p_key text, p_operation text, p_request jsonb,
                                                 p_result_id bigint DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    earlier idempotency_keys;
BEGIN
    IF p_key IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO idempotency_keys (key, operation, request, result_id) VALUES (p_key, p_operation, p_request, p_result_id)
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
