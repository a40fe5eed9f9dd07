-- Keeps a fund's thanks sentence (NULL: back to the default), the order of its names and whether
-- they are bold. The template is checked here, where every writer passes: only {count},
-- {audience} and {names} are known, {names} must appear once (a sentence that thanks nobody by
-- name is not a thanks), and {audience} needs the fund's audience. Messages in French: the staff
-- member who typed the sentence reads them. `{singulier|pluriel}` holds words that agree with the
-- number of names (only {count} may sit inside).
CREATE OR REPLACE FUNCTION set_fund_thanks(p_code text, p_thanked text, p_template text, p_order text,
                                p_bold boolean, p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS fund_thanks LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    fund funds := fund_by_code(p_code);
    earlier bigint;
    unknown text;
    kept fund_thanks;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'set_fund_thanks',
        jsonb_build_object('fund', fund.id, 'thanked', p_thanked, 'template', p_template,
                           'order', p_order, 'bold', p_bold));
    IF earlier IS NOT NULL THEN
        SELECT * INTO kept FROM fund_thanks WHERE fund_id = earlier AND thanked = p_thanked;
        RETURN kept;
    END IF;
    IF p_thanked IS NULL OR p_thanked NOT IN ('contributors', 'pledgers') THEN
        RAISE EXCEPTION 'remerciements inconnus « % » (contributors ou pledgers)', p_thanked
            USING ERRCODE = 'FL020', COLUMN = 'thanked';
    END IF;
    IF p_order IS NULL OR p_order NOT IN ('alphabetical', 'first-commitment') THEN
        RAISE EXCEPTION 'ordre inconnu « % » (alphabetical ou first-commitment)', p_order
            USING ERRCODE = 'FL020', COLUMN = 'order';
    END IF;
    IF p_template IS NOT NULL THEN
        -- {count} anywhere, then the {singulier|pluriel} choices (text only once {count} is gone),
        -- then {audience} and {names}: any brace left is unknown (a {names} inside a choice too).
        unknown := substring(
            regexp_replace(regexp_replace(replace(p_template, '{count}', ''), '\{[^{}|]*\|[^{}|]*\}', '', 'g'),
                           '\{(audience|names)\}', '', 'g')
            FROM '\{[^{}]*\}?|\}');
        IF unknown IS NOT NULL THEN
            RAISE EXCEPTION 'champ inconnu « % » dans le modèle : seuls {count}, {audience}, {names} et {singulier|pluriel} sont connus', unknown
                USING ERRCODE = 'FL020', COLUMN = 'template';
        END IF;
        IF (length(p_template) - length(replace(p_template, '{names}', ''))) / length('{names}') <> 1 THEN
            RAISE EXCEPTION 'le modèle doit contenir {names} une fois, là où vont les noms des collectivités'
                USING ERRCODE = 'FL020', COLUMN = 'template';
        END IF;
        IF position('{audience}' IN p_template) > 0 AND fund.audience IS NULL THEN
            RAISE EXCEPTION 'le modèle cite {audience} mais le fonds % n’a pas de public (--audience)', fund.code
                USING ERRCODE = 'FL020', COLUMN = 'template';
        END IF;
    END IF;
    INSERT INTO fund_thanks AS t (fund_id, thanked, template, name_order, bold)
    VALUES (fund.id, p_thanked, p_template, p_order, coalesce(p_bold, false))
    ON CONFLICT (fund_id, thanked) DO UPDATE
       SET template = EXCLUDED.template, name_order = EXCLUDED.name_order, bold = EXCLUDED.bold,
           updated_at = now()
    RETURNING * INTO kept;
    PERFORM complete_idempotency_key(p_idempotency_key, fund.id);
    RETURN kept;
END
$$;
