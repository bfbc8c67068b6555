-- Every message about a plan that ingest published (or was about to publish: a row is written before the broker has
-- the message, so a count is never short), by plan. A plan's closing carries how many there are, so scoring can make
-- the score final as soon as it has them all. Message ids are content-based: a repeated fact is one row.
CREATE TABLE plan_messages (
    plan_id    text NOT NULL,
    message_id uuid NOT NULL,
    PRIMARY KEY (plan_id, message_id)
);
