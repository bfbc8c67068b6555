-- A script with a visible side effect: if two replicas both applied it, the table would hold two rows.
CREATE TABLE migration_runs (applied_at timestamptz NOT NULL DEFAULT now());
INSERT INTO migration_runs DEFAULT VALUES;
