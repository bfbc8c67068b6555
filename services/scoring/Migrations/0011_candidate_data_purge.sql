-- When a plan's per-candidate rows (results, survey answers) were deleted after the retention period: from then on
-- the plan keeps its score and is never scored again on facts no longer whole.
ALTER TABLE plans ADD COLUMN candidates_purged_at timestamptz;
