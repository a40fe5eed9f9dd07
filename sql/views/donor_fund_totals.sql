-- requires: pledge_status
-- Per fund and donor: pledged (not cancelled), received (not reversed), outstanding.
CREATE OR REPLACE VIEW donor_fund_totals AS
WITH pledged AS (
    SELECT fund_id, donor_id,
           sum(pledged) FILTER (WHERE NOT cancelled) AS pledged,
           sum(outstanding) AS outstanding,
           sum(written_off) AS written_off,
           min(pledged_on) FILTER (WHERE NOT cancelled) AS first_pledged_on
      FROM pledge_status GROUP BY fund_id, donor_id
), received AS (
    -- Kept up to date by maintain_donor_receipts: as many rows as donors, whatever the history.
    SELECT fund_id, donor_id, received, last_received_on::date, first_received_on::date FROM donor_fund_receipts
)
SELECT f.id AS fund_id, f.code AS fund, d.id AS donor_id, d.name AS donor, d.kind AS donor_kind,
       coalesce(p.pledged, 0)::bigint AS pledged,
       coalesce(r.received, 0)::bigint AS received,
       coalesce(p.outstanding, 0)::bigint AS outstanding,
       coalesce(p.written_off, 0)::bigint AS written_off,
       p.first_pledged_on, r.first_received_on, r.last_received_on
  FROM pledged p
  FULL JOIN received r ON r.fund_id = p.fund_id AND r.donor_id = p.donor_id
  JOIN funds f ON f.id = coalesce(p.fund_id, r.fund_id)
  JOIN donors d ON d.id = coalesce(p.donor_id, r.donor_id)
 WHERE coalesce(p.pledged, 0) > 0 OR coalesce(r.received, 0) > 0;
