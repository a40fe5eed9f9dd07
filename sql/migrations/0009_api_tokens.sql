-- FundLedger 0009: tokens of the HTTP service (issue 11).
-- A token is `fl_<lookup>_<secret>`: the lookup finds the row, the secret is compared with
-- its SHA-256 in constant time by the service. Only the digest is stored: a fast hash is
-- right for 32 random bytes, which no dictionary holds. Tokens are revoked, never deleted,
-- so that `recorded_by = api:<name>` on an entry always names a token that existed.
CREATE TABLE api_tokens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          clean_text NOT NULL,
    role          text NOT NULL CONSTRAINT api_token_role CHECK (role IN ('reader', 'clerk', 'admin')),
    lookup        text NOT NULL CONSTRAINT api_token_lookup_format CHECK (lookup ~ '^[A-Za-z0-9_-]{22}$'),
    secret_sha256 text NOT NULL CONSTRAINT api_token_digest_format CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by    text NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text,
    CONSTRAINT api_token_lookup_unique UNIQUE (lookup)
);
-- One live token per name (a revoked name may be given again).
CREATE UNIQUE INDEX api_token_live_name ON api_tokens (name COLLATE name_key) WHERE revoked_at IS NULL;
