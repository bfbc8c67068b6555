-- When a closed plan's score becomes final: the closing plus Scoring:ClosingGrace, so that facts sent before
-- the closing and still in other queues are in the final score.
ALTER TABLE plan_closures ADD COLUMN final_from timestamptz;
