-- The import's limit (scripts/bench): copies of the three tables the import fills, with the same
-- columns, domains, CHECKs, defaults and indexes (LIKE … INCLUDING ALL), but no trigger and no
-- foreign key. scripts/bench COPYs into them, in one transaction, the very rows the import wrote.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_limit CASCADE;
CREATE SCHEMA bench_limit;
CREATE TABLE bench_limit.journal_entries (LIKE public.journal_entries INCLUDING ALL);
CREATE TABLE bench_limit.contributions (LIKE public.contributions INCLUDING ALL);
CREATE TABLE bench_limit.postings (LIKE public.postings INCLUDING ALL);
