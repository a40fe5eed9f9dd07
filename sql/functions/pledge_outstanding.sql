-- Outstanding amount of a pledge: pledged − received − written off (its 441 postings).
-- With p_from, what it expects from that day on and still expects on every later day: the
-- least of its outstanding at the end of p_from and of each later day with postings. That is
-- what money or a write-off dated p_from may take from it; taking more (its total, say, when a
-- receipt was reversed on a later day) would leave it below zero on the days between, which
-- check_pledge_never_over_received refuses and verify reports.
-- (Before the bank test found that gap, the function had no p_from: that signature is dropped.)
-- plpgsql rather than SQL: its plan is kept for the session.
DROP FUNCTION IF EXISTS pledge_outstanding(bigint);
CREATE OR REPLACE FUNCTION pledge_outstanding(p_pledge_id bigint, p_from date DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p_from IS NULL THEN
        RETURN (SELECT coalesce(sum(p.amount), 0)::bigint
                  FROM postings p JOIN accounts a ON a.id = p.account_id
                 WHERE p.pledge_id = p_pledge_id AND a.number = '441700');
    END IF;
    RETURN (SELECT coalesce(least(min(d.held) FILTER (WHERE d.day > p_from),
                                  coalesce(sum(d.amount) FILTER (WHERE d.day <= p_from), 0)),
                            0)::bigint
              FROM pledge_held_by_day(p_pledge_id) d);
END
$$;
