-- The messages about each plan that scoring has folded in (by ingest's content-based ids), and how many ingest had
-- accepted when the plan closed: once the first reaches the second, every fact is in and the score is final at once,
-- without waiting out the closing grace (which stays for a closing that carries no count, or a count never reached).
CREATE TABLE plan_messages (
    plan_id    text NOT NULL,
    message_id uuid NOT NULL,
    PRIMARY KEY (plan_id, message_id)
);
ALTER TABLE plan_closures ADD COLUMN expected_messages integer;
