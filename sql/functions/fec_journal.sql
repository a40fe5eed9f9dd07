-- The FEC journal of an entry's kind: BQ (Banque) for money through the bank — contributions
-- and disbursements —, OD (Opérations diverses) for pledges and write-offs. A reversal keeps its
-- original's kind, hence its journal. Shared by the validation and the FEC export.
CREATE OR REPLACE FUNCTION fec_journal(p_kind text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN p_kind IN ('contribution', 'disbursement') THEN 'BQ' ELSE 'OD' END;
$$;
