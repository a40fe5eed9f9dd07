-- FundLedger 0018: room around the hottest rows (issue 15).
--
-- Every entry updates its accounts' cached balances (maintain_cached_totals), and every receipt
-- of one fund updates the same two rows: the fund's bank (512000) and income (740000) accounts.
-- The whole chart of sub-ledger accounts used to sit in one or two 8 kB pages: each update of any
-- account took that page's content lock, and the page, full of the rows' previous versions,
-- could seldom be pruned while other writers held it, so updates left it for new pages and new
-- index entries. Measured with scripts/bench.d/contribution-hot.pgbench (8 clients, every gift to
-- GAZA): 1 152 and 1 193 contributions/s before, 2 224 and 2 275 after (2 runs each, alternated,
-- same cluster); one client: +5 %. Nothing else changes: same rows, same locks, same rules.
-- A fillfactor of 10 keeps a few rows per page and the rest of the page free for the next
-- versions of those rows (HOT updates, no index entry). CLUSTER rewrites the existing rows that
-- way (VACUUM FULL cannot run inside the migration's transaction); the table is small.
ALTER TABLE accounts SET (fillfactor = 10);
CLUSTER accounts USING accounts_pkey;
