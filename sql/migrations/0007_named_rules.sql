-- FundLedger 0007: the rules get their names (issue 9), and text has one rule everywhere.
--
-- 1. Three trigger functions were split or renamed into named rules under sql/functions/:
--    journal_entry_before_insert → check_fund_accepts_entry + check_reversal;
--    journal_entry_balances      → check_entry_balances;
--    postings_after_insert       → check_entry_sealed, check_postings_stay_in_fund,
--                                  maintain_cached_totals, check_bank_never_negative,
--                                  check_pledge_never_over_received.
--    The old ones are dropped here (databases created before issue 9 have them); the new ones
--    are created right after this migration, in the same transaction.
DROP TRIGGER IF EXISTS journal_entry_before_insert ON journal_entries;
DROP FUNCTION IF EXISTS journal_entry_before_insert();
DROP TRIGGER IF EXISTS journal_entry_balances ON journal_entries;
DROP FUNCTION IF EXISTS journal_entry_balances();
DROP TRIGGER IF EXISTS postings_after_insert ON postings;
DROP FUNCTION IF EXISTS postings_after_insert();

-- 2. Text a person typed (the clean_text domain) follows the same rule as Ledger's NameInput,
--    so that psql, the CLI and the API meet the same refusal with the same words (FL021):
--    not empty, no surrounding spaces, at most 500 characters, Unicode NFC, no control
--    character, no invisible one (format characters: zero-width, bidirectional controls, BOM,
--    soft hyphen; line and paragraph separators), and no leading = + - @, which a spreadsheet
--    opening an export would run as a formula. NOT VALID: rows written before keep their text.
CREATE FUNCTION check_clean_text(p_value text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    reason text;
BEGIN
    reason := CASE
        WHEN p_value = '' THEN 'is empty'
        WHEN p_value ~ '^[\s\u00A0\u202F]|[\s\u00A0\u202F]$' THEN 'starts or ends with a space'
        WHEN length(p_value) > 500 THEN format('is %s characters long (500 at most)', length(p_value))
        WHEN p_value ~ '[[:cntrl:]\u0080-\u009F]' THEN 'contains a control character'
        WHEN p_value ~ '[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]'
             OR p_value ~ '[\U000E0001\U000E0020-\U000E007F]'
            THEN 'contains an invisible character (zero-width, bidirectional control or line separator)'
        WHEN p_value IS NOT NFC NORMALIZED THEN 'is not in Unicode NFC form'
        WHEN p_value ~ '^[=+\-@]' THEN 'starts with =, +, - or @, which a spreadsheet would run as a formula'
    END;
    IF reason IS NOT NULL THEN
        RAISE EXCEPTION 'text refused: it %', reason
            USING ERRCODE = 'FL021', DETAIL = format('text: "%s"', left(p_value, 80));
    END IF;
    RETURN true;
END
$$;

ALTER DOMAIN clean_text DROP CONSTRAINT clean_text_check;
ALTER DOMAIN clean_text ADD CONSTRAINT clean_text_rule CHECK (check_clean_text(VALUE)) NOT VALID;
