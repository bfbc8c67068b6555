-- Plans whose examiner draws changed (a dispatch) or that were filed, waiting for the rescore worker to work out which
-- other plans that changes: the org's later plans whose draws window holds them ("draws not random in effect", issue
-- 17), and the plans holding certificates issued to people who served them (三(二), issue 21); and to give the plan's
-- draws its org and exam start as filed. The worker reads committed data only, so of two such transactions at once
-- the one processed last sees the other's rows: the consumers need not take turns per org or per plan (they did, under
-- advisory locks that made concurrent batches of an exam peak wait for each other). dispatched: look at the org's
-- later plans even when the plan now has no draws (a new dispatch may have taken draws away); a filing alone looks
-- only when the plan has draws.
CREATE TABLE plan_changes (
    plan_id    text PRIMARY KEY,
    dispatched boolean NOT NULL
);
