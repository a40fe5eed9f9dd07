-- Who may do what, by rule rather than by list, re-applied by `fundledger migrate` after every
-- change of a function or a table, so that no function is ever left without its grant (a changed
-- signature is a new function to PostgreSQL, and would have silently lost a grant given by name).
--
--   fundledger_reader  SELECT on every table and view; EXECUTE on every read-only function
--                      (STABLE or IMMUTABLE: PostgreSQL refuses any write inside them).
--   fundledger_writer  the same, plus EXECUTE on every SECURITY DEFINER function: the business
--                      events, the import and verify, the only doors to the journal. It holds no
--                      INSERT/UPDATE/DELETE on the journal, only INSERT on the import staging table.
--   PUBLIC             nothing.
-- Trigger functions and the volatile helpers the events call (ledger_account, new_entry, …) run
-- inside those doors and are granted to nobody.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO fundledger_reader, fundledger_writer;
-- Staged lines of imports in flight are nobody's to read; the writer stages (COPY needs INSERT).
REVOKE ALL ON import_lines FROM fundledger_reader, fundledger_writer;
GRANT INSERT ON import_lines TO fundledger_writer;
-- The HTTP service's tokens are read only through api_token_by_lookup and api_tokens_list.
REVOKE ALL ON api_tokens FROM fundledger_reader, fundledger_writer;
-- Staff users and sessions of the web screens: only through their functions (staff_sign_in,
-- staff_session, staff_users_list, …); password hashes and session digests are nobody's to read.
REVOKE ALL ON staff_users, staff_sessions FROM fundledger_reader, fundledger_writer;

-- Functions, by the rule above; and the doors wait at most 15 s for a lock, then give up
-- (55P03) rather than queue behind a transaction someone forgot to end. (Sessions idle in a
-- transaction are ended after 5 minutes: 0008.)
DO $$
DECLARE
    function record;
BEGIN
    FOR function IN
        SELECT p.oid::regprocedure AS signature, p.prosecdef AS security_definer,
               p.provolatile IN ('s', 'i') AS read_only,
               p.prorettype = 'trigger'::regtype AS is_trigger
          FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
           -- functions of extensions (plpgsql_check, …) keep their own grants
           AND NOT EXISTS (SELECT FROM pg_depend d
                            WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, fundledger_reader, fundledger_writer',
                       function.signature);
        CONTINUE WHEN function.is_trigger;
        IF function.read_only THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO fundledger_reader, fundledger_writer', function.signature);
        ELSIF function.security_definer THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO fundledger_writer', function.signature);
            EXECUTE format('ALTER FUNCTION %s SET lock_timeout = %L', function.signature, '15s');
        END IF;
    END LOOP;
END
$$;
