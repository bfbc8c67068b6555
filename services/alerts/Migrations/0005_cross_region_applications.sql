-- Cross-region applications (浙江省职业技能等级认定申请表, 浙技评〔2023〕20号 一(二)): an org evaluating outside its
-- registered region asks the center where the activity takes place. The site's local center assesses it (filed →
-- assessed, or refused), then the municipal center approves it and assigns supervision (assessed → approved, or refused).
CREATE TABLE applications (
    application_id   text PRIMARY KEY,
    org_code         text        NOT NULL,
    org_name         text        NOT NULL,
    org_region_code  text        NOT NULL,
    contact_name     text        NOT NULL,
    contact_phone    text        NOT NULL,
    site_name        text        NOT NULL,
    site_address     text        NOT NULL,
    site_region_code text        NOT NULL,
    lines            jsonb       NOT NULL,
    applied_at       timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    status           text        NOT NULL CHECK (status IN ('filed', 'assessed', 'approved', 'refused')),
    assessed_by      text,
    assessed_at      timestamptz,
    assessment       text,
    approved_by      text,
    approved_at      timestamptz,
    approval         text,
    supervisor       text
);
CREATE INDEX applications_site_region ON applications (site_region_code, status);
