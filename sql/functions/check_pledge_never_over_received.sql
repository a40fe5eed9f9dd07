-- Rule: a pledge never receives more than was pledged, on any day: its receivable (its 441
-- postings, summed by value date) never goes below zero, today nor at the end of any past day
-- from the first day the statement's postings touch. Money above a pledge goes to 740000 (see
-- allocate_to_pledges); what a receipt or a write-off dated in the past may take is what the
-- pledge expects from that day on (pledge_outstanding(pledge, day)). Checking the total alone
-- let a write-off or a receipt dated between a receipt and its reversal take what the pledge
-- expected only after the reversal (the bank test found it: verify reported the days between).
CREATE OR REPLACE FUNCTION check_pledge_never_over_received() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    over_received_pledge_id bigint;
BEGIN
    SELECT touched.pledge_id INTO over_received_pledge_id
      FROM (SELECT n.pledge_id, min(e.value_date) AS first_day
              FROM new_postings n JOIN journal_entries e ON e.id = n.entry_id
             WHERE n.pledge_id IS NOT NULL AND n.amount < 0
             GROUP BY n.pledge_id) touched
     WHERE EXISTS (SELECT FROM pledge_held_by_day(touched.pledge_id) history
                    WHERE history.day >= touched.first_day AND history.held < 0)
     LIMIT 1;
    IF over_received_pledge_id IS NOT NULL THEN
        RAISE EXCEPTION 'pledge % would receive more than was pledged', over_received_pledge_id
            USING ERRCODE = 'FL006', TABLE = 'postings',
                  HINT = 'money above a pledge is credited to 740000, not to the pledge''s receivable';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER postings_5_check_pledge_never_over_received AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION check_pledge_never_over_received();
