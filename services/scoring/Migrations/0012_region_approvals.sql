-- Approved cross-region applications, a row per line (浙江省职业技能等级认定申请表, 浙技评〔2023〕20号 一(二)): a plan
-- held outside its org's registered region counts as approved when a line matches its org, occupation, level and exam
-- day, and its region lies under the site's (site_region_prefix, a LIKE pattern of Jurisdiction).
CREATE TABLE region_approvals (
    application_id     text    NOT NULL,
    line               integer NOT NULL,
    org_code           text    NOT NULL,
    site_region_prefix text    NOT NULL,
    occupation_code    text    NOT NULL,
    level              integer NOT NULL,
    exam_date          date    NOT NULL,
    PRIMARY KEY (application_id, line)
);
CREATE INDEX region_approvals_org ON region_approvals (org_code, exam_date);
