-- FundLedger 0013: staff users of the web screens (issue 12) and their server-side sessions.
-- A user signs in with an e-mail address and a password; only a bcrypt hash of the password is
-- stored (hashed and checked by the service, never in the database). Lock-out after repeated
-- failures is kept here and enforced by staff_sign_in. Users are disabled, never deleted, so that
-- `recorded_by = web:<email>` on an entry always names a user that existed.
CREATE TABLE staff_users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text NOT NULL
        CONSTRAINT staff_user_email_format CHECK (email ~ '^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$'
                                                  AND email = lower(email) AND length(email) <= 254),
    role            text NOT NULL CONSTRAINT staff_user_role CHECK (role IN ('reader', 'clerk', 'admin')),
    password_hash   text NOT NULL CONSTRAINT staff_user_password_bcrypt CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by      text NOT NULL,
    disabled_at     timestamptz,
    disabled_by     text,
    -- Failures since the last success or lock-out; at 5, the account locks for 15 minutes.
    failed_attempts integer NOT NULL DEFAULT 0 CONSTRAINT staff_user_failed_attempts CHECK (failed_attempts >= 0),
    locked_until    timestamptz,
    CONSTRAINT staff_user_email_unique UNIQUE (email)
);

-- A signed-in browser. The cookie holds 32 random bytes; only their SHA-256 is stored, so a copy
-- of this table opens nothing. A session ends when it expires, on sign-out (revoked_at) and when
-- its user is disabled.
CREATE TABLE staff_sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES staff_users,
    token_sha256 text NOT NULL CONSTRAINT staff_session_digest_format CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT staff_session_digest_unique UNIQUE (token_sha256),
    CONSTRAINT staff_session_expires_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX staff_session_user ON staff_sessions (user_id) WHERE revoked_at IS NULL;
