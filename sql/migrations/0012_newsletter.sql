-- FundLedger 0012: what the newsletter-ready report needs (issue 14).
--
-- 1. The organisation that publishes the reports: its name and its logo, set once
--    (`fundledger settings set organisation …`, `… set logo FILE`), and its SIREN (the FEC's
--    file name and the accountant need it). One row at most; written only by
--    set_organisation_setting and set_organisation_logo.
-- 2. What a project is for and whom it reaches, in the words communications print in the
--    report's narrative ("Distribution d'eau potable", "environ 3 000 personnes").
CREATE TABLE organisation_settings (
    singleton   boolean PRIMARY KEY DEFAULT true CONSTRAINT organisation_settings_one_row CHECK (singleton),
    name        clean_text,
    siren       text CONSTRAINT organisation_siren_format CHECK (siren ~ '^[0-9]{9}$'),
    -- Printed as <img src="data:…">: an SVG shown that way runs no script and loads nothing.
    logo        bytea CONSTRAINT organisation_logo_size CHECK (octet_length(logo) BETWEEN 1 AND 262144),
    logo_type   text CONSTRAINT organisation_logo_type CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  clean_text NOT NULL DEFAULT session_user,
    CONSTRAINT organisation_logo_with_type CHECK ((logo IS NULL) = (logo_type IS NULL))
);

ALTER TABLE projects
    ADD COLUMN description   clean_text,
    ADD COLUMN beneficiaries clean_text;
