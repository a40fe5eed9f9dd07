-- FundLedger 0004: least-privilege roles.
--   fundledger_reader: reads everything, writes nothing.
--   fundledger_writer: reads, and writes only through the business-event functions
--                      (SECURITY DEFINER), never with INSERT/UPDATE on the journal.
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
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO fundledger_reader, fundledger_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO fundledger_reader, fundledger_writer;
GRANT EXECUTE ON FUNCTION
    open_fund(text, text, text, date, text, text),
    set_fund_status(text, text, date, text, text),
    add_donor(text, text, text, text, text),
    add_partner(text, text, text, text),
    add_project(text, text, text, bigint, text, text),
    add_milestone(bigint, text, date, bigint, text, text),
    achieve_milestone(bigint, date, text, text),
    record_pledge(text, text, bigint, date, text, text, text),
    record_contribution(text, text, bigint, date, bigint, boolean, text, text, text),
    write_off_pledge(bigint, text, date, text, text),
    record_disbursement(bigint, bigint, bigint, date, text, text, text),
    reverse_entry(bigint, text, date, text, text),
    cancel_pledge(bigint, text, date, text, text),
    verify_ledger(),
    pledge_outstanding(bigint)
TO fundledger_writer;
GRANT EXECUTE ON FUNCTION verify_ledger(), pledge_outstanding(bigint) TO fundledger_reader;
