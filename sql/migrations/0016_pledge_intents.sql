-- FundLedger 0016: pledges in two stages (issue 13).
--
-- A collectivité that says it intends to give has not voted anything: no receivable, no revenue,
-- no journal entry. Its intention is kept here (`fundledger pledge add --intent`), thanked in
-- the newsletter (`thanks --pledged`) and shown in the reports as an intention. Only the vote —
-- the délibération's reference and date (`fundledger pledge confirm N`) — makes it a pledge,
-- posted 4417/74 by record_pledge; pledge_id then says which.
CREATE TABLE pledge_intents (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    donor_id      bigint NOT NULL REFERENCES donors,
    fund_id       bigint NOT NULL REFERENCES funds,
    amount        positive_cents NOT NULL,
    announced_on  ledger_date NOT NULL,
    note          clean_text,
    recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by   clean_text NOT NULL DEFAULT session_user,
    -- Set once, by confirm_pledge_intent.
    pledge_id     bigint CONSTRAINT pledge_intent_confirmed_once UNIQUE REFERENCES pledges
);
CREATE INDEX pledge_intent_fund ON pledge_intents (fund_id, announced_on);
