-- Rule: text a person typed (the clean_text domain, FL021) follows the same rule as Ledger's
-- NameInput, so that psql, the CLI and the API meet the same refusal with the same words: not
-- empty, no surrounding spaces, at most 500 characters, Unicode NFC, no control character, no
-- invisible one, and no leading = + - @, which a spreadsheet opening an export would run as a
-- formula. Invisible: the format characters (zero-width, bidirectional controls, BOM, soft
-- hyphen), line and paragraph separators, and every other default-ignorable code point of
-- Unicode (combining grapheme joiner U+034F, Hangul fillers, variation selectors, tags…):
-- "Bondy" followed by U+3164 looks like Bondy and must not become a second donor.
-- First defined by 0007 (which attaches it to the domain); its current text lives here.
CREATE OR REPLACE FUNCTION check_clean_text(p_value text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    reason text;
BEGIN
    reason := CASE
        WHEN p_value = '' THEN 'is empty'
        WHEN p_value ~ '^[\s\u00A0\u202F]|[\s\u00A0\u202F]$' THEN 'starts or ends with a space'
        WHEN length(p_value) > 500 THEN format('is %s characters long (500 at most)', length(p_value))
        WHEN p_value ~ '[[:cntrl:]\u0080-\u009F]' THEN 'contains a control character'
        WHEN p_value ~ '[\u00AD\u034F\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB]'
             OR p_value ~ '[\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]'
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
