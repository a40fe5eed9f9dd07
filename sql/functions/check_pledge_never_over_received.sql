-- Rule: a pledge never receives more than was pledged: its receivable (its 441 postings) never
-- sums below zero. Money above a pledge goes to 740000 (see allocate_to_pledges).
CREATE OR REPLACE FUNCTION check_pledge_never_over_received() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    over_received_pledge_id bigint;
BEGIN
    SELECT touched.pledge_id INTO over_received_pledge_id
      FROM (SELECT DISTINCT n.pledge_id FROM new_postings n WHERE n.pledge_id IS NOT NULL AND n.amount < 0) touched
     WHERE (SELECT sum(p.amount) FROM postings p JOIN accounts a ON a.id = p.account_id
             WHERE p.pledge_id = touched.pledge_id AND a.number = '441700') < 0
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
