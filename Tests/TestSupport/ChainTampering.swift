/// For the tamper evidence tests (EntryChainTests, VerifyCommandTests): the SQL that recomputes fund `fund`'s seals from entry `entry` onwards (and its head), as
/// someone able to write every table would: the chain is then consistent again.
public func resealingSQL(fund: Int64, from entry: Int64) -> String {
    """
    CREATE TEMP TABLE rewritten AS
    SELECT c.id AS entry_id, c.fund_id,
           (SELECT position FROM entry_seals WHERE entry_id = \(entry)) - 1 + row_number() OVER w AS position,
           coalesce(lag(c.id) OVER w, (SELECT previous_entry_id FROM entry_seals WHERE entry_id = \(entry))) AS previous_entry_id,
           entry_chain_hash(coalesce((SELECT p.hash FROM entry_seals s JOIN entry_seals p ON p.entry_id = s.previous_entry_id
                                       WHERE s.entry_id = \(entry)), ''::bytea), c.content) OVER w AS hash
      FROM (SELECT e.id, e.fund_id,
                   entry_seal_content(e.id, e.fund_id, e.kind, e.value_date, e.reverses_entry_id, e.recorded_at,
                                      e.recorded_by, e.db_user, e.description,
                                      (SELECT string_agg(entry_seal_posting(p.id, p.account_id, a.number, a.fund_id,
                                                                            a.donor_id, a.project_id, p.amount,
                                                                            p.pledge_id, p.milestone_id), '' ORDER BY p.id)
                                         FROM postings p JOIN accounts a ON a.id = p.account_id
                                        WHERE p.entry_id = e.id)) AS content
              FROM journal_entries e WHERE e.fund_id = \(fund) AND e.id >= \(entry)) c
    WINDOW w AS (ORDER BY c.id ROWS UNBOUNDED PRECEDING);
    DELETE FROM entry_seals WHERE entry_id IN (SELECT entry_id FROM rewritten);
    INSERT INTO entry_seals (entry_id, fund_id, position, previous_entry_id, hash)
    SELECT entry_id, fund_id, position, previous_entry_id, hash FROM rewritten;
    UPDATE entry_chain_heads h SET entry_id = r.entry_id, position = r.position, hash = r.hash
      FROM (SELECT * FROM rewritten ORDER BY position DESC LIMIT 1) r WHERE h.fund_id = r.fund_id;
    DROP TABLE rewritten;
    """
}
