-- Per fund: the balances of its accounts, read from the cached balances (O(accounts)); what was
-- reallocated to or from other funds and refunded to donors (0017) since the fund opened.
CREATE OR REPLACE VIEW fund_balances AS
SELECT f.id AS fund_id, f.code, f.name, f.status, f.opened_on, f.closed_on,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '512000'), 0)::bigint AS available,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '441700'), 0)::bigint AS outstanding_pledges,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '657000'), 0)::bigint AS disbursed,
       coalesce(-sum(a.balance) FILTER (WHERE a.number = '740000'), 0)::bigint AS income,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '658100'), 0)::bigint AS reallocated_out,
       coalesce(-sum(a.balance) FILTER (WHERE a.number = '758100'), 0)::bigint AS reallocated_in,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '658200'), 0)::bigint AS refunded
  FROM funds f LEFT JOIN accounts a ON a.fund_id = f.id
 GROUP BY f.id;
