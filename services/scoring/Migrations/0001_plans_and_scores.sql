-- Plans as filed, and the latest score of each plan (the scoring issue adds the indicator facts).
CREATE TABLE plans (
    plan_id     text PRIMARY KEY,
    org_code    text        NOT NULL,
    org_name    text        NOT NULL,
    region_code text        NOT NULL,
    filed       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_scores (
    plan_id        text PRIMARY KEY REFERENCES plans (plan_id),
    score          numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
    status         text          NOT NULL CHECK (status IN ('provisional', 'final')),
    policy_version text          NOT NULL,
    indicators     jsonb         NOT NULL,
    scored_at      timestamptz   NOT NULL
);
