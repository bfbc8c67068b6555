-- A command is sent to one queue (its destination); a row without one is an event, published to its subscribers.
ALTER TABLE outbox ADD COLUMN destination text;
