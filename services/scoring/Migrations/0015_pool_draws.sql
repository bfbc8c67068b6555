-- The examiners each plan drew from the pool, a row each, for plans whose pool size is known (the others cannot be
-- weighed), with the plan's org and exam start as filed (null until the plan is filed; kept in step by every filing).
-- Copied here so that "how often was this examiner sent to this org in the year before this exam" is one range of an
-- index, whatever the size of the org or the examiner's history ("draws not random in effect", issue 17). Replaced
-- with the plan's dispatch.
CREATE TABLE plan_pool_draws (
    plan_id     text NOT NULL,
    examiner_id text NOT NULL,
    org_code    text,
    exam_start  timestamptz,
    PRIMARY KEY (plan_id, examiner_id)
);
CREATE INDEX plan_pool_draws_examiner ON plan_pool_draws (examiner_id, org_code, exam_start);
CREATE INDEX plan_pool_draws_org ON plan_pool_draws (org_code, exam_start) INCLUDE (examiner_id);
