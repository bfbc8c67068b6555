-- Each plan's exam window and candidates as columns (they were only inside `filed`), so "how many plans and
-- candidates are examining now and in the next hours" (monitoring_scoring_exam_plans / _candidates, what the
-- deployment pre-scales on before a peak) is an index range scan at every scrape, not a parse of every plan's JSON.
ALTER TABLE plans ADD COLUMN exam_start timestamptz, ADD COLUMN exam_end timestamptz, ADD COLUMN candidate_count integer;
UPDATE plans SET exam_start = (filed ->> 'examStart')::timestamptz, exam_end = (filed ->> 'examEnd')::timestamptz,
    candidate_count = (filed ->> 'candidateCount')::integer;
CREATE INDEX plans_exam_end ON plans (exam_end);
