-- Scores were recorded here for notices that were never built on them; no service reads this table.
DROP TABLE IF EXISTS score_observations;
