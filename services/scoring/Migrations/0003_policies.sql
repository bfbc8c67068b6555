-- Scoring policies: versioned documents of RulesEngine workflows, one per indicator.
CREATE TABLE policies (
    version      text PRIMARY KEY,
    document     jsonb       NOT NULL,
    status       text        NOT NULL CHECK (status IN ('draft', 'active')),
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    active_from  timestamptz,
    activated_by text,
    activated_at timestamptz
);

CREATE TABLE policy_audit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version    text        NOT NULL,
    action     text        NOT NULL,
    actor      text        NOT NULL,
    at         timestamptz NOT NULL,
    detail     jsonb
);

