-- Early warnings: one per plan and kind, updated (and escalated) rather than repeated.
CREATE TABLE warnings (
    warning_id  uuid PRIMARY KEY,
    plan_id     text        NOT NULL,
    org_code    text        NOT NULL,
    region_code text        NOT NULL,
    level       text        NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
    kind        text        NOT NULL,
    message     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    raised_at   timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (plan_id, kind)
);
CREATE INDEX warnings_region ON warnings (region_code, status);

-- Everything that happened to a warning, in order.
CREATE TABLE warning_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warning_id uuid        NOT NULL REFERENCES warnings (warning_id),
    at         timestamptz NOT NULL,
    action     text        NOT NULL,
    actor      text        NOT NULL,
    level      text        NOT NULL,
    detail     text
);

-- Centers' webhooks; a webhook receives the warnings of its region and everything under it.
CREATE TABLE webhooks (
    webhook_id  uuid PRIMARY KEY,
    region_code text        NOT NULL,
    url         text        NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);

-- One row per warning event and webhook: written with the warning, sent by the dispatcher, retried with backoff.
CREATE TABLE deliveries (
    delivery_id     uuid PRIMARY KEY,
    webhook_id      uuid        NOT NULL REFERENCES webhooks (webhook_id),
    warning_id      uuid        NOT NULL REFERENCES warnings (warning_id),
    payload         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';

-- Rectification tasks (整改): one per plan that ended below 60.
CREATE TABLE rectifications (
    task_id      uuid PRIMARY KEY,
    plan_id      text          NOT NULL UNIQUE,
    org_code     text          NOT NULL,
    region_code  text          NOT NULL,
    score        numeric(5, 2) NOT NULL,
    opened_at    timestamptz   NOT NULL,
    due_at       timestamptz   NOT NULL,
    status       text          NOT NULL CHECK (status IN ('open', 'submitted', 'passed', 'overdue', 'failed', 'refused')),
    submitted_at timestamptz,
    summary      text,
    reviewed_at  timestamptz,
    reviewer     text
);
CREATE INDEX rectifications_due ON rectifications (due_at) WHERE status IN ('open', 'submitted');
CREATE INDEX rectifications_org ON rectifications (org_code);

-- Evaluation organizations in the catalogue (目录清单) and every change of their status.
CREATE TABLE orgs (
    org_code   text PRIMARY KEY,
    org_name   text,
    status     text        NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
    updated_at timestamptz NOT NULL
);

CREATE TABLE org_history (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_code  text        NOT NULL REFERENCES orgs (org_code),
    at        timestamptz NOT NULL,
    from_status text      NOT NULL,
    to_status text        NOT NULL,
    reason    text        NOT NULL,
    plan_id   text,
    actor     text        NOT NULL
);
CREATE INDEX org_history_org ON org_history (org_code, at);

-- Plan terminations scoring recommended (non-qualifying ≥ 1/3), waiting for the center to confirm.
CREATE TABLE terminations (
    plan_id        text PRIMARY KEY,
    org_code       text        NOT NULL,
    region_code    text        NOT NULL,
    sampled        integer     NOT NULL,
    non_qualifying integer     NOT NULL,
    recommended_at timestamptz NOT NULL,
    status         text        NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    decided_by     text,
    decided_at     timestamptz
);
