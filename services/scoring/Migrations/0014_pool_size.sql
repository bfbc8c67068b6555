-- Examiner draws (issue 17): how many examiners the pool held for the plan's occupation and level when the platform
-- drew (null when not reported, and for every dispatch stored before). A pool-shortage reason is judged against it.
ALTER TABLE plan_examiners ADD COLUMN pool_size integer;
