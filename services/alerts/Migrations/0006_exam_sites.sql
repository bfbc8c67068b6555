-- Exam sites filed for organizations (考点备案, 浙技评〔2023〕20号 一(二)): new or changed sites wait for the org's center
-- (the center of the org's registered region) to confirm them.
CREATE TABLE exam_sites (
    org_code        text        NOT NULL,
    site_code       text        NOT NULL,
    org_region_code text        NOT NULL,
    site_name       text        NOT NULL,
    site_address    text        NOT NULL,
    region_code     text        NOT NULL,
    filed_at        timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'confirmed', 'refused')),
    decided_by      text,
    decided_at      timestamptz,
    opinion         text,
    PRIMARY KEY (org_code, site_code)
);
CREATE INDEX exam_sites_org_region ON exam_sites (org_region_code, status);
