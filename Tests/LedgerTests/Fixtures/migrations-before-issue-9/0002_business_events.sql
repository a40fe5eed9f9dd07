-- FundLedger 0002: one SQL function per business event.
--
-- Each write is one statement from the client, hence one round trip and one transaction:
-- names are resolved, the idempotency key claimed, the entry and its postings written and
-- every check made inside the function. Functions are SECURITY DEFINER so that the
-- application role needs EXECUTE only, never INSERT on the journal.
--
-- Errors use SQLSTATE class FL (see 0001) and name what was wrong in MESSAGE/DETAIL:
--   FL010 insufficient funds · FL011 fund not open · FL012 duplicate name · FL013 not found
--   FL014 cannot reverse · FL015 pledge state · FL016 inconsistent reference · FL020 bad argument
--   FL409 idempotency key reused for another request

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION fund_by_code(p_code text) RETURNS funds
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_fund funds;
BEGIN
    SELECT * INTO found_fund FROM funds WHERE code = upper(btrim(p_code));
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown fund "%"', p_code USING ERRCODE = 'FL013', TABLE = 'funds', COLUMN = 'code';
    END IF;
    RETURN found_fund;
END
$$;

CREATE FUNCTION donor_by_name(p_name text) RETURNS donors
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_donor donors;
BEGIN
    SELECT * INTO found_donor FROM donors WHERE name COLLATE name_key = btrim(p_name);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown donor "%"', p_name USING ERRCODE = 'FL013', TABLE = 'donors', COLUMN = 'name';
    END IF;
    RETURN found_donor;
END
$$;

CREATE FUNCTION partner_by_name(p_name text) RETURNS partners
LANGUAGE plpgsql STABLE AS $$
DECLARE
    found_partner partners;
BEGIN
    SELECT * INTO found_partner FROM partners WHERE name COLLATE name_key = btrim(p_name);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown partner "%"', p_name USING ERRCODE = 'FL013', TABLE = 'partners', COLUMN = 'name';
    END IF;
    RETURN found_partner;
END
$$;

CREATE FUNCTION require_positive_amount(p_amount bigint) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 OR p_amount > 100000000000000 THEN
        RAISE EXCEPTION 'amount must be between 1 cent and 1 000 000 000 000,00 €, got % cents', p_amount
            USING ERRCODE = 'FL020', COLUMN = 'amount';
    END IF;
END
$$;

-- Returns the id of the sub-ledger account, creating it on first use.
CREATE FUNCTION ledger_account(p_number text, p_fund_id bigint, p_donor_id bigint, p_project_id bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    account_id bigint;
BEGIN
    SELECT id INTO account_id FROM accounts
     WHERE number = p_number AND fund_id = p_fund_id
       AND donor_id IS NOT DISTINCT FROM p_donor_id AND project_id IS NOT DISTINCT FROM p_project_id;
    IF account_id IS NULL THEN
        INSERT INTO accounts (number, fund_id, donor_id, project_id)
        VALUES (p_number, p_fund_id, p_donor_id, p_project_id)
        ON CONFLICT ON CONSTRAINT account_unique DO NOTHING
        RETURNING id INTO account_id;
        IF account_id IS NULL THEN  -- created concurrently
            SELECT id INTO account_id FROM accounts
             WHERE number = p_number AND fund_id = p_fund_id
               AND donor_id IS NOT DISTINCT FROM p_donor_id AND project_id IS NOT DISTINCT FROM p_project_id;
        END IF;
    END IF;
    RETURN account_id;
END
$$;

-- NULL when the key is new (now claimed by this transaction) or absent; otherwise the id the
-- first request produced. The same key for a different request is refused.
CREATE FUNCTION claim_idempotency_key(p_key text, p_operation text, p_request jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    earlier idempotency_keys;
BEGIN
    IF p_key IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO idempotency_keys (key, operation, request) VALUES (p_key, p_operation, p_request)
    ON CONFLICT (key) DO NOTHING;
    IF FOUND THEN
        RETURN NULL;
    END IF;
    SELECT * INTO earlier FROM idempotency_keys WHERE key = p_key;
    IF earlier.operation <> p_operation OR earlier.request <> p_request THEN
        RAISE EXCEPTION 'idempotency key "%" was already used for a different request', p_key
            USING ERRCODE = 'FL409', COLUMN = 'idempotency_key',
                  DETAIL = format('first used by %s with %s', earlier.operation, earlier.request);
    END IF;
    RETURN earlier.result_id;
END
$$;

CREATE FUNCTION complete_idempotency_key(p_key text, p_result_id bigint) RETURNS void
LANGUAGE sql AS $$
    UPDATE idempotency_keys SET result_id = p_result_id WHERE key = p_key;
$$;

CREATE FUNCTION new_entry(p_fund_id bigint, p_kind text, p_value_date date, p_description text,
                          p_actor text, p_reverses bigint DEFAULT NULL)
RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO journal_entries (fund_id, kind, value_date, description, recorded_by, reverses_entry_id)
    VALUES (p_fund_id, p_kind, p_value_date, p_description, coalesce(p_actor, session_user), p_reverses)
    RETURNING id;
$$;

-- Outstanding amount of a pledge: pledged − received − written off (its 441 postings).
CREATE FUNCTION pledge_outstanding(p_pledge_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(p.amount), 0)::bigint
      FROM postings p JOIN accounts a ON a.id = p.account_id
     WHERE p.pledge_id = p_pledge_id AND a.number = '441700';
$$;

-- ---------------------------------------------------------------------------------------------
-- Funds, donors, partners, projects, milestones
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION open_fund(p_code text, p_name text, p_audience text, p_opened_on date,
                          p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS funds LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    fund funds;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'open_fund',
        jsonb_build_object('code', p_code, 'name', p_name, 'audience', p_audience, 'opened_on', p_opened_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO fund FROM funds WHERE id = earlier;
        RETURN fund;
    END IF;
    IF EXISTS (SELECT FROM funds WHERE code = upper(btrim(p_code))) THEN
        RAISE EXCEPTION 'fund % already exists', upper(btrim(p_code)) USING ERRCODE = 'FL012', COLUMN = 'code';
    END IF;
    INSERT INTO funds (code, name, audience, opened_on)
    VALUES (upper(btrim(p_code)), p_name, p_audience, p_opened_on)
    RETURNING * INTO fund;
    PERFORM ledger_account('512000', fund.id, NULL, NULL);
    PERFORM ledger_account('740000', fund.id, NULL, NULL);
    PERFORM complete_idempotency_key(p_idempotency_key, fund.id);
    RETURN fund;
END
$$;

-- 'closing' (no new pledges) or 'closed' (no new entries at all) or back to 'open'.
CREATE FUNCTION set_fund_status(p_code text, p_status text, p_on date,
                                p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS funds LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    fund funds := fund_by_code(p_code);
    earlier bigint;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'set_fund_status',
        jsonb_build_object('fund', fund.id, 'status', p_status, 'on', p_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO fund FROM funds WHERE id = earlier;
        RETURN fund;
    END IF;
    IF p_status NOT IN ('open', 'closing', 'closed') THEN
        RAISE EXCEPTION 'unknown fund status "%" (open, closing or closed)', p_status
            USING ERRCODE = 'FL020', COLUMN = 'status';
    END IF;
    IF fund.status = 'closed' THEN
        RAISE EXCEPTION 'fund % was closed on %: a closed fund is not reopened nor closed again', fund.code, fund.closed_on
            USING ERRCODE = 'FL011', COLUMN = 'status';
    END IF;
    IF p_status = 'closed' AND p_on < fund.opened_on THEN
        RAISE EXCEPTION 'fund % cannot close on %, before it opened (%)', fund.code, p_on, fund.opened_on
            USING ERRCODE = 'FL020', COLUMN = 'closed_on';
    END IF;
    IF p_status = 'closed' AND p_on < (SELECT max(value_date) FROM journal_entries WHERE fund_id = fund.id) THEN
        RAISE EXCEPTION 'fund % cannot close on %: it has entries dated up to %', fund.code, p_on,
            (SELECT max(value_date) FROM journal_entries WHERE fund_id = fund.id)
            USING ERRCODE = 'FL020', COLUMN = 'closed_on';
    END IF;
    UPDATE funds
       SET status = p_status,
           closed_on = CASE WHEN p_status = 'closed' THEN p_on END
     WHERE id = fund.id
    RETURNING * INTO fund;
    PERFORM complete_idempotency_key(p_idempotency_key, fund.id);
    RETURN fund;
END
$$;

CREATE FUNCTION add_donor(p_name text, p_kind text, p_siren text,
                          p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS donors LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    existing donors;
    donor donors;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'add_donor',
        jsonb_build_object('name', p_name, 'kind', p_kind, 'siren', p_siren));
    IF earlier IS NOT NULL THEN
        SELECT * INTO donor FROM donors WHERE id = earlier;
        RETURN donor;
    END IF;
    SELECT * INTO existing FROM donors WHERE name COLLATE name_key = btrim(p_name);
    IF FOUND THEN
        RAISE EXCEPTION 'donor "%" already exists as "%" (id %)', p_name, existing.name, existing.id
            USING ERRCODE = 'FL012', TABLE = 'donors', COLUMN = 'name', DETAIL = existing.name,
                  HINT = 'names that differ only by case, accents or punctuation are the same collectivité';
    END IF;
    INSERT INTO donors (name, kind, siren) VALUES (p_name, coalesce(p_kind, 'commune'), p_siren)
    RETURNING * INTO donor;
    PERFORM complete_idempotency_key(p_idempotency_key, donor.id);
    RETURN donor;
END
$$;

CREATE FUNCTION add_partner(p_name text, p_country text,
                            p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS partners LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    existing partners;
    partner partners;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'add_partner',
        jsonb_build_object('name', p_name, 'country', p_country));
    IF earlier IS NOT NULL THEN
        SELECT * INTO partner FROM partners WHERE id = earlier;
        RETURN partner;
    END IF;
    SELECT * INTO existing FROM partners WHERE name COLLATE name_key = btrim(p_name);
    IF FOUND THEN
        RAISE EXCEPTION 'partner "%" already exists as "%" (id %)', p_name, existing.name, existing.id
            USING ERRCODE = 'FL012', TABLE = 'partners', COLUMN = 'name', DETAIL = existing.name;
    END IF;
    INSERT INTO partners (name, country) VALUES (p_name, upper(p_country)) RETURNING * INTO partner;
    PERFORM complete_idempotency_key(p_idempotency_key, partner.id);
    RETURN partner;
END
$$;

CREATE FUNCTION add_project(p_fund_code text, p_partner_name text, p_title text, p_budget bigint,
                            p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS projects LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    fund funds := fund_by_code(p_fund_code);
    partner partners := partner_by_name(p_partner_name);
    earlier bigint;
    project projects;
BEGIN
    earlier := claim_idempotency_key(p_idempotency_key, 'add_project',
        jsonb_build_object('fund', fund.id, 'partner', partner.id, 'title', p_title, 'budget', p_budget));
    IF earlier IS NOT NULL THEN
        SELECT * INTO project FROM projects WHERE id = earlier;
        RETURN project;
    END IF;
    IF fund.status = 'closed' THEN
        RAISE EXCEPTION 'fund % is closed: no new project', fund.code USING ERRCODE = 'FL011';
    END IF;
    INSERT INTO projects (fund_id, partner_id, title, budget) VALUES (fund.id, partner.id, p_title, p_budget)
    RETURNING * INTO project;
    PERFORM complete_idempotency_key(p_idempotency_key, project.id);
    RETURN project;
END
$$;

CREATE FUNCTION add_milestone(p_project_id bigint, p_title text, p_due_on date, p_tranche bigint,
                              p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS milestones LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    milestone milestones;
BEGIN
    IF NOT EXISTS (SELECT FROM projects WHERE id = p_project_id) THEN
        RAISE EXCEPTION 'unknown project %', p_project_id USING ERRCODE = 'FL013', TABLE = 'projects';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'add_milestone',
        jsonb_build_object('project', p_project_id, 'title', p_title, 'due_on', p_due_on, 'tranche', p_tranche));
    IF earlier IS NOT NULL THEN
        SELECT * INTO milestone FROM milestones WHERE id = earlier;
        RETURN milestone;
    END IF;
    INSERT INTO milestones (project_id, title, due_on, tranche) VALUES (p_project_id, p_title, p_due_on, p_tranche)
    RETURNING * INTO milestone;
    PERFORM complete_idempotency_key(p_idempotency_key, milestone.id);
    RETURN milestone;
END
$$;

CREATE FUNCTION achieve_milestone(p_milestone_id bigint, p_on date,
                                  p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS milestones LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier bigint;
    milestone milestones;
BEGIN
    SELECT * INTO milestone FROM milestones WHERE id = p_milestone_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown milestone %', p_milestone_id USING ERRCODE = 'FL013', TABLE = 'milestones';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'achieve_milestone',
        jsonb_build_object('milestone', p_milestone_id, 'on', p_on));
    IF earlier IS NOT NULL THEN
        RETURN milestone;
    END IF;
    IF milestone.achieved_on IS NOT NULL THEN
        RAISE EXCEPTION 'milestone % was already achieved on %', p_milestone_id, milestone.achieved_on
            USING ERRCODE = 'FL016', TABLE = 'milestones', COLUMN = 'achieved_on';
    END IF;
    UPDATE milestones SET achieved_on = p_on WHERE id = p_milestone_id RETURNING * INTO milestone;
    PERFORM complete_idempotency_key(p_idempotency_key, milestone.id);
    RETURN milestone;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Money events
-- ---------------------------------------------------------------------------------------------

-- A pledge voted by a collectivité: 441 donor (debit) / 74 fund (credit).
CREATE FUNCTION record_pledge(p_donor_name text, p_fund_code text, p_amount bigint, p_pledged_on date,
                              p_reference text, p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS pledges LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    donor donors := donor_by_name(p_donor_name);
    fund funds := fund_by_code(p_fund_code);
    earlier bigint;
    entry_id bigint;
    pledge pledges;
BEGIN
    PERFORM require_positive_amount(p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'record_pledge',
        jsonb_build_object('donor', donor.id, 'fund', fund.id, 'amount', p_amount,
                           'on', p_pledged_on, 'reference', p_reference));
    IF earlier IS NOT NULL THEN
        SELECT * INTO pledge FROM pledges WHERE id = earlier;
        RETURN pledge;
    END IF;
    IF fund.status <> 'open' THEN
        RAISE EXCEPTION 'fund % is %: no new pledges', fund.code, fund.status USING ERRCODE = 'FL011';
    END IF;
    entry_id := new_entry(fund.id, 'pledge', p_pledged_on,
                          format('Promesse %s — %s', donor.name, coalesce(p_reference, 'sans référence')), p_actor);
    INSERT INTO pledges (donor_id, fund_id, amount, pledged_on, reference, entry_id)
    VALUES (donor.id, fund.id, p_amount, p_pledged_on, p_reference, entry_id)
    RETURNING * INTO pledge;
    INSERT INTO postings (entry_id, account_id, amount, pledge_id) VALUES
        (entry_id, ledger_account('441700', fund.id, donor.id, NULL), p_amount, pledge.id),
        (entry_id, ledger_account('740000', fund.id, NULL, NULL), -p_amount, pledge.id);
    PERFORM complete_idempotency_key(p_idempotency_key, pledge.id);
    RETURN pledge;
END
$$;

-- Money received: 512 fund (debit) / 441 donor for what open pledges still expect, oldest first
-- (or only the pledge named) / 74 fund for the rest (a gift without pledge, or above it).
-- p_apply_to_pledges = false records a gift without pledge even if one is open.
CREATE FUNCTION record_contribution(p_donor_name text, p_fund_code text, p_amount bigint, p_received_on date,
                                    p_pledge_id bigint, p_apply_to_pledges boolean, p_reference text,
                                    p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS contributions LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    donor donors := donor_by_name(p_donor_name);
    fund funds := fund_by_code(p_fund_code);
    earlier bigint;
    entry_id bigint;
    contribution contributions;
    remaining bigint := p_amount;
    applied bigint;
    first_pledge bigint;
    open_pledge record;
    receivable bigint;
    pledge_ids bigint[] := '{}';
    pledge_amounts bigint[] := '{}';
BEGIN
    PERFORM require_positive_amount(p_amount);
    earlier := claim_idempotency_key(p_idempotency_key, 'record_contribution',
        jsonb_build_object('donor', donor.id, 'fund', fund.id, 'amount', p_amount, 'on', p_received_on,
                           'pledge', p_pledge_id, 'apply', p_apply_to_pledges, 'reference', p_reference));
    IF earlier IS NOT NULL THEN
        SELECT * INTO contribution FROM contributions WHERE id = earlier;
        RETURN contribution;
    END IF;
    IF fund.status = 'closed' THEN
        RAISE EXCEPTION 'fund % is closed: no new contributions', fund.code USING ERRCODE = 'FL011';
    END IF;
    IF p_reference IS NOT NULL AND EXISTS (SELECT FROM contributions WHERE donor_id = donor.id AND reference = p_reference) THEN
        RAISE EXCEPTION 'reference "%" is already recorded for %', p_reference, donor.name
            USING ERRCODE = 'FL012', TABLE = 'contributions', COLUMN = 'reference';
    END IF;

    IF p_pledge_id IS NOT NULL THEN
        PERFORM 1 FROM pledges WHERE id = p_pledge_id FOR NO KEY UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown pledge %', p_pledge_id USING ERRCODE = 'FL013', TABLE = 'pledges';
        END IF;
        IF NOT EXISTS (SELECT FROM pledges WHERE id = p_pledge_id AND donor_id = donor.id AND fund_id = fund.id) THEN
            RAISE EXCEPTION 'pledge % is not a pledge of % to fund %', p_pledge_id, donor.name, fund.code
                USING ERRCODE = 'FL016', COLUMN = 'pledge';
        END IF;
        IF EXISTS (SELECT FROM pledges pl JOIN journal_entries r ON r.reverses_entry_id = pl.entry_id
                    WHERE pl.id = p_pledge_id) THEN
            RAISE EXCEPTION 'pledge % was cancelled', p_pledge_id USING ERRCODE = 'FL015', COLUMN = 'pledge';
        END IF;
        first_pledge := p_pledge_id;
        applied := least(remaining, greatest(pledge_outstanding(p_pledge_id), 0));
        IF applied > 0 THEN
            pledge_ids := pledge_ids || p_pledge_id;
            pledge_amounts := pledge_amounts || applied;
            remaining := remaining - applied;
        END IF;
    ELSIF coalesce(p_apply_to_pledges, true) THEN
        -- Lock the donor's pledges on this fund so that two receipts cannot both fill one pledge.
        FOR open_pledge IN
            SELECT pl.id FROM pledges pl
             WHERE pl.donor_id = donor.id AND pl.fund_id = fund.id
               AND NOT EXISTS (SELECT FROM journal_entries r WHERE r.reverses_entry_id = pl.entry_id)
             ORDER BY pl.pledged_on, pl.id
             FOR NO KEY UPDATE
        LOOP
            EXIT WHEN remaining = 0;
            applied := least(remaining, greatest(pledge_outstanding(open_pledge.id), 0));
            CONTINUE WHEN applied = 0;
            first_pledge := coalesce(first_pledge, open_pledge.id);
            pledge_ids := pledge_ids || open_pledge.id;
            pledge_amounts := pledge_amounts || applied;
            remaining := remaining - applied;
        END LOOP;
    END IF;

    entry_id := new_entry(fund.id, 'contribution', p_received_on,
                          format('Versement %s — %s', donor.name, coalesce(p_reference, 'sans référence')), p_actor);
    INSERT INTO contributions (donor_id, fund_id, pledge_id, amount, received_on, reference, entry_id)
    VALUES (donor.id, fund.id, first_pledge, p_amount, p_received_on, p_reference, entry_id)
    RETURNING * INTO contribution;

    receivable := ledger_account('441700', fund.id, donor.id, NULL);
    INSERT INTO postings (entry_id, account_id, amount, pledge_id)
    SELECT entry_id, ledger_account('512000', fund.id, NULL, NULL), p_amount, NULL
    UNION ALL
    SELECT entry_id, receivable, -applied_amount, pledge
      FROM unnest(pledge_ids, pledge_amounts) AS applied_to(pledge, applied_amount)
    UNION ALL
    SELECT entry_id, ledger_account('740000', fund.id, NULL, NULL), -remaining, first_pledge
     WHERE remaining > 0;

    PERFORM complete_idempotency_key(p_idempotency_key, contribution.id);
    RETURN contribution;
END
$$;

-- What a pledge will not bring: 74 fund (debit) / 441 donor (credit) for the outstanding amount.
-- Returns the write-off entry.
CREATE FUNCTION write_off_pledge(p_pledge_id bigint, p_reason text, p_on date,
                                 p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS journal_entries LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    pledge pledges;
    earlier bigint;
    outstanding bigint;
    entry journal_entries;
    entry_id bigint;
BEGIN
    SELECT * INTO pledge FROM pledges WHERE id = p_pledge_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown pledge %', p_pledge_id USING ERRCODE = 'FL013', TABLE = 'pledges';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'write_off_pledge',
        jsonb_build_object('pledge', p_pledge_id, 'reason', p_reason, 'on', p_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO entry FROM journal_entries WHERE id = earlier;
        RETURN entry;
    END IF;
    IF EXISTS (SELECT FROM journal_entries WHERE reverses_entry_id = pledge.entry_id) THEN
        RAISE EXCEPTION 'pledge % was cancelled', p_pledge_id USING ERRCODE = 'FL015';
    END IF;
    outstanding := pledge_outstanding(p_pledge_id);
    IF outstanding <= 0 THEN
        RAISE EXCEPTION 'pledge % has nothing outstanding to write off', p_pledge_id USING ERRCODE = 'FL015';
    END IF;
    entry_id := new_entry(pledge.fund_id, 'pledge_write_off', p_on,
        format('Abandon du solde de la promesse %s%s', p_pledge_id, coalesce(' — ' || p_reason, '')), p_actor);
    INSERT INTO postings (entry_id, account_id, amount, pledge_id) VALUES
        (entry_id, ledger_account('740000', pledge.fund_id, NULL, NULL), outstanding, p_pledge_id),
        (entry_id, ledger_account('441700', pledge.fund_id, pledge.donor_id, NULL), -outstanding, p_pledge_id);
    SELECT * INTO entry FROM journal_entries WHERE id = entry_id;
    PERFORM complete_idempotency_key(p_idempotency_key, entry_id);
    RETURN entry;
END
$$;

-- A tranche paid to a partner: 657 fund·project (debit) / 512 fund (credit). The fund's bank
-- row is locked first, so concurrent disbursements queue and none can overdraw the fund.
CREATE FUNCTION record_disbursement(p_project_id bigint, p_milestone_id bigint, p_amount bigint, p_paid_on date,
                                    p_reference text, p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS disbursements LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    project projects;
    fund funds;
    earlier bigint;
    bank bigint;
    available bigint;
    entry_id bigint;
    disbursement disbursements;
BEGIN
    PERFORM require_positive_amount(p_amount);
    SELECT * INTO project FROM projects WHERE id = p_project_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown project %', p_project_id USING ERRCODE = 'FL013', TABLE = 'projects';
    END IF;
    SELECT * INTO fund FROM funds WHERE id = project.fund_id;
    IF p_milestone_id IS NOT NULL AND NOT EXISTS (SELECT FROM milestones WHERE id = p_milestone_id) THEN
        RAISE EXCEPTION 'unknown milestone %', p_milestone_id USING ERRCODE = 'FL013', TABLE = 'milestones';
    END IF;
    IF p_milestone_id IS NOT NULL
       AND NOT EXISTS (SELECT FROM milestones WHERE id = p_milestone_id AND project_id = p_project_id) THEN
        RAISE EXCEPTION 'milestone % does not belong to project %', p_milestone_id, p_project_id
            USING ERRCODE = 'FL016', COLUMN = 'milestone';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'record_disbursement',
        jsonb_build_object('project', p_project_id, 'milestone', p_milestone_id, 'amount', p_amount,
                           'on', p_paid_on, 'reference', p_reference));
    IF earlier IS NOT NULL THEN
        SELECT * INTO disbursement FROM disbursements WHERE id = earlier;
        RETURN disbursement;
    END IF;
    IF fund.status = 'closed' THEN
        RAISE EXCEPTION 'fund % is closed: no new disbursements', fund.code USING ERRCODE = 'FL011';
    END IF;

    bank := ledger_account('512000', fund.id, NULL, NULL);
    SELECT balance INTO available FROM accounts WHERE id = bank FOR NO KEY UPDATE;
    IF available < p_amount THEN
        RAISE EXCEPTION 'fund % holds % cents; a disbursement of % cents would overdraw it', fund.code, available, p_amount
            USING ERRCODE = 'FL010', COLUMN = 'amount', DETAIL = format('available=%s requested=%s', available, p_amount);
    END IF;

    entry_id := new_entry(fund.id, 'disbursement', p_paid_on,
        format('Versement au partenaire — projet %s%s', p_project_id, coalesce(' — ' || p_reference, '')), p_actor);
    INSERT INTO disbursements (fund_id, project_id, milestone_id, amount, paid_on, reference, entry_id)
    VALUES (fund.id, p_project_id, p_milestone_id, p_amount, p_paid_on, p_reference, entry_id)
    RETURNING * INTO disbursement;
    INSERT INTO postings (entry_id, account_id, amount, milestone_id) VALUES
        (entry_id, ledger_account('657000', fund.id, NULL, p_project_id), p_amount, p_milestone_id),
        (entry_id, bank, -p_amount, p_milestone_id);
    PERFORM complete_idempotency_key(p_idempotency_key, disbursement.id);
    RETURN disbursement;
END
$$;

-- The exact opposite of an entry, linked to it; both stay in the journal. A pledge that has
-- received money cannot be reversed (write off its remainder instead); a contribution whose
-- money was already paid out cannot be reversed (the fund would go below zero).
CREATE FUNCTION reverse_entry(p_entry_id bigint, p_reason text, p_on date,
                              p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS journal_entries LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    original journal_entries;
    earlier bigint;
    entry journal_entries;
    reversal_id bigint;
    bank bigint;
    available bigint;
    bank_change bigint;
    cancelled_pledge bigint;
BEGIN
    SELECT * INTO original FROM journal_entries WHERE id = p_entry_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown journal entry %', p_entry_id USING ERRCODE = 'FL013', TABLE = 'journal_entries';
    END IF;
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a reversal needs a reason' USING ERRCODE = 'FL020', COLUMN = 'reason';
    END IF;
    earlier := claim_idempotency_key(p_idempotency_key, 'reverse_entry',
        jsonb_build_object('entry', p_entry_id, 'reason', p_reason, 'on', p_on));
    IF earlier IS NOT NULL THEN
        SELECT * INTO entry FROM journal_entries WHERE id = earlier;
        RETURN entry;
    END IF;
    IF original.reverses_entry_id IS NOT NULL THEN
        RAISE EXCEPTION 'entry % is itself a reversal (of entry %) and cannot be reversed', p_entry_id,
            original.reverses_entry_id USING ERRCODE = 'FL014';
    END IF;
    SELECT id INTO reversal_id FROM journal_entries WHERE reverses_entry_id = p_entry_id;
    IF FOUND THEN
        RAISE EXCEPTION 'entry % was already reversed by entry %', p_entry_id, reversal_id USING ERRCODE = 'FL014';
    END IF;
    IF original.kind = 'pledge' THEN
        SELECT id INTO cancelled_pledge FROM pledges WHERE pledges.entry_id = p_entry_id FOR NO KEY UPDATE;
        IF EXISTS (SELECT FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                    WHERE p.pledge_id = cancelled_pledge AND e.kind IN ('contribution', 'pledge_write_off')
                    GROUP BY e.kind HAVING sum(p.amount) <> 0) THEN
            RAISE EXCEPTION 'pledge % has received money or was written off: it cannot be cancelled', cancelled_pledge
                USING ERRCODE = 'FL015', HINT = 'write off what it still expects instead';
        END IF;
    END IF;

    -- A friendly refusal before the bank CHECK would refuse anyway.
    SELECT sum(p.amount) INTO bank_change FROM postings p JOIN accounts a ON a.id = p.account_id
     WHERE p.entry_id = p_entry_id AND a.number = '512000';
    IF bank_change > 0 THEN
        bank := ledger_account('512000', original.fund_id, NULL, NULL);
        SELECT balance INTO available FROM accounts WHERE id = bank FOR NO KEY UPDATE;
        IF available < bank_change THEN
            RAISE EXCEPTION 'reversing entry % would take % cents out of a fund that holds % cents',
                p_entry_id, bank_change, available USING ERRCODE = 'FL010';
        END IF;
    END IF;

    reversal_id := new_entry(original.fund_id, original.kind, coalesce(p_on, current_date),
                          format('Annulation de l''écriture %s — %s', p_entry_id, btrim(p_reason)),
                          p_actor, p_entry_id);
    INSERT INTO postings (entry_id, account_id, amount, pledge_id, milestone_id)
    SELECT reversal_id, p.account_id, -p.amount, p.pledge_id, p.milestone_id
      FROM postings p WHERE p.entry_id = p_entry_id ORDER BY p.id;
    SELECT * INTO entry FROM journal_entries WHERE id = reversal_id;
    PERFORM complete_idempotency_key(p_idempotency_key, reversal_id);
    RETURN entry;
END
$$;

-- Cancelling a pledge that has received nothing is reversing its entry.
CREATE FUNCTION cancel_pledge(p_pledge_id bigint, p_reason text, p_on date,
                              p_actor text DEFAULT NULL, p_idempotency_key text DEFAULT NULL)
RETURNS journal_entries LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    pledge_entry bigint;
BEGIN
    SELECT entry_id INTO pledge_entry FROM pledges WHERE id = p_pledge_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown pledge %', p_pledge_id USING ERRCODE = 'FL013', TABLE = 'pledges';
    END IF;
    RETURN reverse_entry(pledge_entry, coalesce(p_reason, format('annulation de la promesse %s', p_pledge_id)),
                         p_on, p_actor, p_idempotency_key);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Verification: recompute what is cached, check what must hold; one row per difference.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION verify_ledger()
RETURNS TABLE (problem text, subject text, expected numeric, actual numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT 'unbalanced entry', 'entry ' || e.id, 0::numeric, coalesce(sum(p.amount), 0)::numeric
      FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
     GROUP BY e.id
    HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.id) < 2
    UNION ALL
    SELECT 'cached balance differs from postings', 'account ' || a.id || ' (' || a.number || ')',
           coalesce(s.total, 0)::numeric, a.balance::numeric
      FROM accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id) s
        ON s.account_id = a.id
     WHERE a.balance <> coalesce(s.total, 0)
    UNION ALL
    SELECT 'daily totals differ from postings',
           'account ' || coalesce(t.account_id, s.account_id) || ' on ' || coalesce(t.day, s.day) || ' (' || coalesce(t.kind, s.kind) || ')',
           coalesce(s.debits, 0) - coalesce(s.credits, 0), coalesce(t.debits, 0) - coalesce(t.credits, 0)
      FROM account_daily_totals t
      FULL JOIN (SELECT p.account_id, e.value_date AS day, e.kind,
                        sum(greatest(p.amount, 0))::numeric AS debits, sum(greatest(-p.amount, 0))::numeric AS credits
                   FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                  GROUP BY 1, 2, 3) s
        ON s.account_id = t.account_id AND s.day = t.day AND s.kind = t.kind
     WHERE t.debits IS DISTINCT FROM s.debits::bigint OR t.credits IS DISTINCT FROM s.credits::bigint
    UNION ALL
    SELECT 'fund bank account below zero', 'fund ' || f.code, 0, a.balance
      FROM accounts a JOIN funds f ON f.id = a.fund_id
     WHERE a.number = '512000' AND a.balance < 0
    UNION ALL
    SELECT 'pledge received more than pledged', 'pledge ' || p.pledge_id, 0, sum(p.amount)
      FROM postings p JOIN accounts a ON a.id = p.account_id
     WHERE a.number = '441700' AND p.pledge_id IS NOT NULL
     GROUP BY p.pledge_id
    HAVING sum(p.amount) < 0
    UNION ALL
    SELECT 'posting on another fund''s account', 'posting ' || p.id, e.fund_id, a.fund_id
      FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
     WHERE a.fund_id <> e.fund_id
    UNION ALL
    SELECT 'reversal does not mirror its entry', 'entry ' || r.id || ', account ' || p.account_id, 0, sum(p.amount)
      FROM journal_entries r
      JOIN postings p ON p.entry_id IN (r.id, r.reverses_entry_id)
     WHERE r.reverses_entry_id IS NOT NULL
     GROUP BY r.id, p.account_id
    HAVING sum(p.amount) <> 0
$$;
