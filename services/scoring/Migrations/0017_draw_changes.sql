-- Plans whose pool draws changed (a dispatch) or that took their org and exam start (a filing), waiting for the rescore
-- worker to ask for the rescore of the org's later plans whose draws window holds them ("draws not random in effect",
-- issue 17). The worker reads committed data only, so of two dispatches of one org at once the one processed last sees
-- the other's draws: the consumers need not take turns per org (they did, under an advisory lock that made
-- concurrent batches of an exam peak wait for each other). dispatched: expand even when the plan now has no draws (a
-- new dispatch may have taken draws away); a filing expands only a plan that has draws.
CREATE TABLE draw_changes (
    plan_id    text PRIMARY KEY,
    dispatched boolean NOT NULL
);
