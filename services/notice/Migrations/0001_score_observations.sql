-- Every plan score this service has taken in: one row per PlanScored message (insert-only, so the inbox
-- is what keeps a redelivery from recording it twice). The service's own issue builds on it.
CREATE TABLE score_observations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id        text          NOT NULL,
    org_code       text          NOT NULL,
    region_code    text          NOT NULL,
    score          numeric(5, 2) NOT NULL,
    status         text          NOT NULL,
    policy_version text          NOT NULL,
    scored_at      timestamptz   NOT NULL,
    received_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX score_observations_plan ON score_observations (plan_id);
