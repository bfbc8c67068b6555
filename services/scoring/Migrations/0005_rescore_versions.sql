-- Every request for a rescore bumps its row's version. The rescore worker no longer holds queue rows locked while
-- it scores a batch (fact writes asking for rescores waited on them): it reads each row's version when it claims the
-- plan and, just before committing, deletes the row only if the version is unchanged. A fact that came meanwhile
-- leaves the row due, so the plan is scored again with it.
ALTER TABLE rescore_queue ADD COLUMN version bigint NOT NULL DEFAULT 0;
