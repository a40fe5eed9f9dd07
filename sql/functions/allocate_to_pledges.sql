-- Rule: how money received pays a donor's pledges to a fund. The one definition, used by
-- record_contribution (one receipt) and import_contributions (every line of a file, per donor
-- and fund), so that both always write the same postings.
--
-- Receipts are taken in the order given (p_line: a line number or 1), each with its amount, its
-- date and the pledge it names (NULL: none). Pledges come oldest first (pledged_on, id) with
-- what each still expects, the day it was voted and whether it was cancelled.
--   * a receipt naming a pledge pays that pledge only, up to what it still expects;
--   * a receipt naming none pays the open pledges voted on or before its date, oldest first;
--   * what is left of a receipt is a gift without pledge (the caller credits it to 740000).
-- A receipt naming a pledge voted after the receipt's date is refused (FL007): money cannot
-- pay a pledge before it exists. Returns one row per (receipt, pledge) paid, applied > 0.
CREATE OR REPLACE FUNCTION allocate_to_pledges(
    p_line integer[], p_amount bigint[], p_received_on date[], p_named_pledge bigint[],
    p_pledge bigint[], p_outstanding bigint[], p_pledged_on date[], p_cancelled boolean[])
RETURNS TABLE (line integer, pledge_id bigint, applied bigint)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    expecting bigint[] := p_outstanding;
    pledges integer := coalesce(array_length(p_pledge, 1), 0);
    first_open integer := 1;   -- pledges before it expect nothing more
    left_to_apply bigint;
    taken bigint;
BEGIN
    FOR i IN 1..coalesce(array_length(p_line, 1), 0) LOOP
        left_to_apply := p_amount[i];
        IF p_named_pledge[i] IS NOT NULL THEN
            FOR j IN 1..pledges LOOP
                CONTINUE WHEN p_pledge[j] <> p_named_pledge[i];
                IF p_pledged_on[j] > p_received_on[i] THEN
                    RAISE EXCEPTION 'pledge % was voted on %: money received on % cannot pay it',
                        p_pledge[j], p_pledged_on[j], p_received_on[i]
                        USING ERRCODE = 'FL007', COLUMN = 'pledge';
                END IF;
                taken := least(left_to_apply, greatest(expecting[j], 0));
                IF taken > 0 AND NOT p_cancelled[j] THEN
                    expecting[j] := expecting[j] - taken;
                    line := p_line[i]; pledge_id := p_pledge[j]; applied := taken;
                    RETURN NEXT;
                END IF;
            END LOOP;
            CONTINUE;
        END IF;
        WHILE first_open <= pledges AND (expecting[first_open] <= 0 OR p_cancelled[first_open]) LOOP
            first_open := first_open + 1;
        END LOOP;
        FOR j IN first_open..pledges LOOP
            EXIT WHEN left_to_apply = 0 OR p_pledged_on[j] > p_received_on[i];
            CONTINUE WHEN p_cancelled[j] OR expecting[j] <= 0;
            taken := least(left_to_apply, expecting[j]);
            expecting[j] := expecting[j] - taken;
            left_to_apply := left_to_apply - taken;
            line := p_line[i]; pledge_id := p_pledge[j]; applied := taken;
            RETURN NEXT;
        END LOOP;
    END LOOP;
END
$$;
