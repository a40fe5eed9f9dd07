-- Rule: a new account starts at zero, whatever the INSERT says.
CREATE OR REPLACE FUNCTION account_starts_at_zero() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.balance := 0;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER account_starts_at_zero BEFORE INSERT ON accounts
    FOR EACH ROW EXECUTE FUNCTION account_starts_at_zero();
