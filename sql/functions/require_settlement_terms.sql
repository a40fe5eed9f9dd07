-- Rule: a settlement of a fund (reallocate_fund, refund_fund) rests on an agreement — the
-- donors' for a reallocation, the decision for a refund — with a reference, given on or before
-- the day the money moves; an amount, when given, is positive (none: all the fund holds).
CREATE OR REPLACE FUNCTION require_settlement_terms(p_kind text, p_reference text, p_agreed_on date, p_on date,
                                                    p_amount bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    agreement text := CASE p_kind WHEN 'reallocation' THEN 'l’accord des donateurs' ELSE 'la décision' END;
    event text := CASE p_kind WHEN 'reallocation' THEN 'la réaffectation' ELSE 'le remboursement' END;
BEGIN
    IF p_on IS NULL THEN
        RAISE EXCEPTION '% demande sa date', event USING ERRCODE = 'FL020', COLUMN = 'value_date';
    END IF;
    IF p_reference IS NULL OR btrim(p_reference) = '' THEN
        RAISE EXCEPTION '% demande la référence de %', event, agreement USING ERRCODE = 'FL020', COLUMN = 'reference';
    END IF;
    IF p_agreed_on IS NULL OR p_agreed_on > p_on THEN
        RAISE EXCEPTION '% (%) doit précéder % (%)', agreement, coalesce(to_char(p_agreed_on, 'DD/MM/YYYY'), 'sans date'),
            event, to_char(p_on, 'DD/MM/YYYY') USING ERRCODE = 'FL020', COLUMN = 'agreed_on';
    END IF;
    IF p_amount IS NOT NULL THEN
        PERFORM require_positive_amount(p_amount);
    END IF;
END
$$;
