-- The exam-site registry as the orgs' centers decided it (考点备案, 浙技评〔2023〕20号 一(二)): a plan's site is checked
-- against it; an org without any decided site is judged by the platform's siteRegistered flag alone.
CREATE TABLE registered_sites (
    org_code    text        NOT NULL,
    site_code   text        NOT NULL,
    region_code text        NOT NULL,
    confirmed   boolean     NOT NULL,
    decided_at  timestamptz NOT NULL,
    PRIMARY KEY (org_code, site_code)
);
