-- FundLedger 0011: the newsletter's thanks, as communications write them (issue 14). Each fund
-- may keep its own sentence for those who gave ('contributors') and for those who said they
-- intend to give ('pledgers'), the order of the names and whether they are printed in bold.
-- No row (or a NULL template) means the default sentence of the Gaza thanks: the wording of a
-- fund is an editorial choice, the ledger only keeps it. Written only by set_fund_thanks.
CREATE TABLE fund_thanks (
    fund_id     bigint NOT NULL REFERENCES funds (id),
    thanked     text NOT NULL CHECK (thanked IN ('contributors', 'pledgers')),
    -- Placeholders {count}, {audience} and {names} (checked by set_fund_thanks); NULL: the default.
    template    clean_text,
    name_order  text NOT NULL DEFAULT 'alphabetical' CHECK (name_order IN ('alphabetical', 'first-commitment')),
    bold        boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (fund_id, thanked)
);
