-- The FEC journal of an entry's kind: BQ (Banque) for money through the bank — contributions
-- disbursements and refunds to donors —, OD (Opérations diverses) for pledges, write-offs, the
-- year-end's entries and reallocations between funds (one bank, the money changes purpose). A reversal keeps its
-- original's kind, hence its journal. Shared by the validation and the FEC export.
CREATE OR REPLACE FUNCTION fec_journal(p_kind text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN p_kind IN ('contribution', 'disbursement', 'refund') THEN 'BQ' ELSE 'OD' END;
$$;
