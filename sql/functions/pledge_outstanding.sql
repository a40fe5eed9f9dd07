-- Outstanding amount of a pledge: pledged − received − written off (its 441 postings).
-- plpgsql rather than SQL: its plan is kept for the session.
CREATE OR REPLACE FUNCTION pledge_outstanding(p_pledge_id bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT coalesce(sum(p.amount), 0)::bigint
              FROM postings p JOIN accounts a ON a.id = p.account_id
             WHERE p.pledge_id = p_pledge_id AND a.number = '441700');
END
$$;
