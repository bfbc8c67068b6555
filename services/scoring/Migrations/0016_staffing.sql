-- Who ran each plan's exam (issue 21, 一(一) and 三(一)): rooms with their candidates and examiners, and the people
-- without their hashes (role, employer, examiner certificate), replaced by a later staffing of the plan.
CREATE TABLE plan_staffing (
    plan_id                text PRIMARY KEY,
    site_operator_org_code text,
    delegation_filing_no   text,
    rooms                  jsonb NOT NULL,
    staff                  jsonb NOT NULL
);

-- Every keyed hash of every person who served a plan, as certificate_hashes holds a certificate's holder's (the current
-- key's and, during a rotation, the retired keys'): a certificate issued to someone who served the org's plans is
-- found by joining the two on the hash (三(二) 查处工作人员违规获证). Replaced with the plan's staffing.
CREATE TABLE plan_staff_hashes (
    person_hash text NOT NULL,
    plan_id     text NOT NULL,
    role        text NOT NULL,
    PRIMARY KEY (person_hash, plan_id, role)
);
CREATE INDEX plan_staff_hashes_plan ON plan_staff_hashes (plan_id);

-- Certificates issued to someone who served a plan (any org, any time: the org and the period are judged when the
-- certificate's plan is scored, against the plans as filed then). Found once, when the later of the two arrives (a
-- certificate, or a staffing), so scoring a plan reads a handful of rows instead of joining every certificate's
-- hashes. No hashes here: the rows outlive the staff hashes purged with the candidates' data, and go with the
-- certificate.
CREATE TABLE staff_certificate_matches (
    certificate_no text NOT NULL REFERENCES certificates (certificate_no) ON DELETE CASCADE,
    plan_id        text NOT NULL,
    served_plan_id text NOT NULL,
    role           text NOT NULL,
    PRIMARY KEY (certificate_no, served_plan_id, role)
);
CREATE INDEX staff_certificate_matches_plan ON staff_certificate_matches (plan_id);
CREATE INDEX staff_certificate_matches_served ON staff_certificate_matches (served_plan_id);

-- Certificates of plans just filed are looked up by plan ("one person, several certificates" of certificates that came first).
CREATE INDEX certificates_plan ON certificates (plan_id);

-- The sampled applicants one by one, with the evidence of their group (二(三)); empty when only counts were sent.
ALTER TABLE plan_reviews ADD COLUMN records jsonb NOT NULL DEFAULT '[]';

-- A self-built paper's expert review and filing with the center (二(四)); null when not reported.
ALTER TABLE plan_papers ADD COLUMN expert_reviewed boolean, ADD COLUMN filed_at timestamptz;
