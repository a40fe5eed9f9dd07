-- FundLedger 0006: bulk import of bank receipts (fundledger import contributions).
--
-- The client streams the parsed lines of a file with COPY into import_lines (an UNLOGGED
-- staging table, keyed by a batch id the client draws at random), then calls
-- import_contributions() (sql/functions/import_contributions.sql) once, in the same
-- transaction. The function validates every line
-- set-based, and when nothing is wrong posts the whole file with one INSERT … SELECT per table:
-- journal entries, contributions, and ALL the postings in ONE statement, so that the postings'
-- statement trigger (seal check, balances, daily totals) runs once. Every rule of
-- sql/functions still applies unchanged: the per-entry deferred balance check, append-only tables, closed
-- funds, the bank CHECK, the (donor, reference) uniqueness.
--
-- Idempotency: a file is recorded in imports by its SHA-256; the same file again writes nothing
-- and says when it was imported. A line whose (donor, reference) is already in the ledger, or
-- whose idempotency key was already used, is reported as a bad line, never posted twice.

-- Parsed lines waiting to be posted. Rows live only inside the importing transaction: the
-- function deletes its batch, and a rollback leaves nothing visible. UNLOGGED: nothing here
-- needs crash safety. Its primary key refuses a line number staged twice.
CREATE UNLOGGED TABLE import_lines (
    batch           uuid NOT NULL,
    line            integer NOT NULL,      -- physical line of the file where the record starts
    received_on     date NOT NULL,
    donor           text NOT NULL,
    fund            text NOT NULL,
    amount          positive_cents NOT NULL,
    reference       text NOT NULL,
    pledge_id       bigint,
    idempotency_key text,
    -- One row per line: a duplicated line number would apply one line's pledge money twice.
    PRIMARY KEY (batch, line)
);

-- One row per imported file: what makes a second import of the same file a no-op.
CREATE TABLE imports (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_sha256  text NOT NULL CONSTRAINT import_file_once UNIQUE
                 CONSTRAINT import_sha256_format CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_name    clean_text NOT NULL,
    lines        integer NOT NULL CHECK (lines > 0),
    total        bigint NOT NULL CHECK (total > 0),
    recorded_by  clean_text NOT NULL DEFAULT session_user,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON import_lines, imports FROM PUBLIC;
