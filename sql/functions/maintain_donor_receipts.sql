-- Rule: donor_fund_receipts holds, per fund and donor, the sum and the first and last dates of the
-- contributions not reversed. Maintained in the statement that writes them: a contribution (or
-- an import's thousands, in one statement) adds to its row; the reversal of a contribution takes
-- its amount off and finds the row's dates again. Nobody else writes the table (refuse_direct_write).
CREATE OR REPLACE FUNCTION add_donor_receipts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- In (fund, donor) order, so that two imports touching the same donors cannot deadlock.
    INSERT INTO donor_fund_receipts AS r (fund_id, donor_id, received, first_received_on, last_received_on)
    SELECT fund_id, donor_id, sum(amount), min(received_on), max(received_on)
      FROM new_contributions GROUP BY fund_id, donor_id ORDER BY fund_id, donor_id
    ON CONFLICT (fund_id, donor_id) DO UPDATE
       SET received = r.received + EXCLUDED.received,
           first_received_on = least(r.first_received_on, EXCLUDED.first_received_on),
           last_received_on = greatest(r.last_received_on, EXCLUDED.last_received_on);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER contributions_add_donor_receipts AFTER INSERT ON contributions
    REFERENCING NEW TABLE AS new_contributions
    FOR EACH STATEMENT EXECUTE FUNCTION add_donor_receipts();

-- A reversal (one entry at a time, reverse_entry): when it reverses a contribution, the amount
-- leaves the donor's row, and its first and last dates are those of the gifts left (two probes of
-- contribution_donor_fund_first; the reversal itself is already visible, so it is not counted).
CREATE OR REPLACE FUNCTION remove_reversed_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reversed contributions;
BEGIN
    SELECT * INTO reversed FROM contributions WHERE entry_id = NEW.reverses_entry_id;
    IF FOUND THEN
        UPDATE donor_fund_receipts r
           SET received = r.received - reversed.amount,
               first_received_on = (SELECT c.received_on FROM contributions c
                                     WHERE c.donor_id = reversed.donor_id AND c.fund_id = reversed.fund_id
                                       AND NOT EXISTS (SELECT FROM journal_entries x WHERE x.reverses_entry_id = c.entry_id)
                                     ORDER BY c.received_on LIMIT 1),
               last_received_on = (SELECT c.received_on FROM contributions c
                                    WHERE c.donor_id = reversed.donor_id AND c.fund_id = reversed.fund_id
                                      AND NOT EXISTS (SELECT FROM journal_entries x WHERE x.reverses_entry_id = c.entry_id)
                                    ORDER BY c.received_on DESC LIMIT 1)
         WHERE r.fund_id = reversed.fund_id AND r.donor_id = reversed.donor_id;
    END IF;
    RETURN NULL;
END
$$;

-- Row by row, but only for reversals: the WHEN is checked without calling the function, so the
-- other entries pay nothing.
CREATE OR REPLACE TRIGGER journal_entries_remove_reversed_receipt AFTER INSERT ON journal_entries
    FOR EACH ROW WHEN (NEW.reverses_entry_id IS NOT NULL) EXECUTE FUNCTION remove_reversed_receipt();
