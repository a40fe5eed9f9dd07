-- Per fund: the balances of its accounts, read from the cached balances (O(accounts)).
CREATE OR REPLACE VIEW fund_balances AS
SELECT f.id AS fund_id, f.code, f.name, f.status, f.opened_on, f.closed_on,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '512000'), 0)::bigint AS available,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '441700'), 0)::bigint AS outstanding_pledges,
       coalesce(sum(a.balance) FILTER (WHERE a.number = '657000'), 0)::bigint AS disbursed,
       coalesce(-sum(a.balance) FILTER (WHERE a.number = '740000'), 0)::bigint AS income
  FROM funds f LEFT JOIN accounts a ON a.fund_id = f.id
 GROUP BY f.id;
