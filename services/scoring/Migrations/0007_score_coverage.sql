-- How many of ingest's messages about the plan a score covers (plan_messages when it was computed): a caller that
-- knows how many it sent can tell whether the score it reads includes them. Null for scores from before.
ALTER TABLE plan_scores ADD COLUMN messages integer;
