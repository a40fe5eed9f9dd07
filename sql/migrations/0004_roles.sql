-- FundLedger 0004: least-privilege roles.
--   fundledger_reader: reads everything, writes nothing.
--   fundledger_writer: reads, and writes only through the business-event functions
--                      (SECURITY DEFINER), never with INSERT/UPDATE on the journal.
-- What each role may execute is given by a rule in sql/grants.sql, re-applied after every
-- change of a function, so that no function is ever left without its grant.
DO $$
BEGIN
    -- Roles are shared by every database of the cluster, so two databases migrating at once
    -- may both find a role missing: the loser of that race just uses the winner's.
    BEGIN
        CREATE ROLE fundledger_reader NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE fundledger_writer NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
END
$$;

-- Nobody but the owner creates objects in public (PostgreSQL ≤ 14 allowed everyone): a function
-- planted there could otherwise shadow one called by the SECURITY DEFINER functions.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO fundledger_reader, fundledger_writer;
