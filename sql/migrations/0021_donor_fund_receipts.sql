-- FundLedger 0021: what each donor gave each fund, kept up to date as gifts are written (issue 15).
--
-- A fund's donors (its page, `fundledger donors`, GET /v1/funds/{code}/donors) summed every
-- contribution of every fund at each read: 4.4 s on a ledger of a million gifts (EXPLAIN ANALYZE:
-- a sequential scan of contributions and a hash aggregate over all funds, before the fund's filter),
-- growing with the history. The sums now live here, one row per fund and donor, added to by the
-- statement that inserts contributions and taken from by a reversal (maintain_donor_receipts.sql);
-- `verify` recomputes them. Reading a fund's donors costs as many rows as it has donors.
CREATE TABLE donor_fund_receipts (
    fund_id            bigint NOT NULL REFERENCES funds,
    donor_id           bigint NOT NULL REFERENCES donors,
    -- Contributions not reversed; the dates are those of the first and the last of them
    -- (null once every gift was reversed: the row stays, at 0).
    received           bigint NOT NULL,
    first_received_on  ledger_date,
    last_received_on   ledger_date,
    PRIMARY KEY (fund_id, donor_id)
);

INSERT INTO donor_fund_receipts (fund_id, donor_id, received, first_received_on, last_received_on)
SELECT c.fund_id, c.donor_id, sum(c.amount), min(c.received_on), max(c.received_on)
  FROM contributions c
 WHERE NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = c.entry_id)
 GROUP BY c.fund_id, c.donor_id;
