-- Rule: the ledger's today is the association's calendar day, in Europe/Paris — the day the
-- CLI, the service and the screens call today (DateParser.timeZone) —, whatever the server's
-- TimeZone: between midnight in Paris and midnight UTC, current_date on a UTC server is still
-- yesterday, and would refuse a receipt dated today as "ahead". Every rule that compares with
-- today (money never dated ahead, a period closed in the past, a year over) calls this.
CREATE OR REPLACE FUNCTION ledger_today() RETURNS date
LANGUAGE sql STABLE AS $$
    SELECT (now() AT TIME ZONE 'Europe/Paris')::date;
$$;
