-- The facts of each plan, one table per kind of message ingest sends. Rows arrive in any order (results
-- before the plan, say); a plan is scored once it has been filed. Every write is an upsert on a natural
-- key, so a redelivered or repeated message leaves the same row.
CREATE TABLE plan_executions (
    plan_id            text PRIMARY KEY,
    actual_start       timestamptz NOT NULL,
    actual_end         timestamptz NOT NULL,
    site_code          text        NOT NULL,
    candidates_present integer     NOT NULL
);

CREATE TABLE plan_reviews (
    plan_id        text PRIMARY KEY,
    sampled        integer     NOT NULL,
    non_qualifying integer     NOT NULL,
    reviewed_at    timestamptz NOT NULL
);

-- The latest dispatch replaces the previous one.
CREATE TABLE plan_examiners (
    plan_id   text PRIMARY KEY,
    examiners jsonb NOT NULL
);

CREATE TABLE plan_papers (
    plan_id             text PRIMARY KEY,
    bank                text    NOT NULL,
    reused_items        integer NOT NULL,
    theory_on_computer  boolean NOT NULL,
    paper_exam_approved boolean NOT NULL
);

CREATE TABLE plan_supervisions (
    plan_id       text PRIMARY KEY,
    supervisor_id text,
    findings      jsonb NOT NULL
);

-- One row per candidate; an edit after lock stays recorded even if a later message says otherwise.
CREATE TABLE plan_results (
    plan_id           text          NOT NULL,
    candidate_hash    text          NOT NULL,
    theory_score      numeric(5, 2) NOT NULL,
    skill_score       numeric(5, 2) NOT NULL,
    passed            boolean       NOT NULL,
    recorded_at       timestamptz   NOT NULL,
    edited_after_lock boolean       NOT NULL,
    PRIMARY KEY (plan_id, candidate_hash)
);

CREATE TABLE plan_videos (
    plan_id            text        NOT NULL,
    room               text        NOT NULL,
    camera_id          text        NOT NULL,
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    resolution_lines   integer     NOT NULL,
    candidates_covered integer     NOT NULL,
    candidates_in_room integer     NOT NULL,
    PRIMARY KEY (plan_id, room, camera_id, starts_at)
);

CREATE TABLE plan_disclosures (
    plan_id      text        NOT NULL,
    kind         text        NOT NULL,
    published_at timestamptz NOT NULL,
    until        timestamptz,
    PRIMARY KEY (plan_id, kind)
);

CREATE TABLE plan_surveys (
    plan_id        text    NOT NULL,
    candidate_hash text    NOT NULL,
    satisfaction   integer NOT NULL,
    complaint      boolean NOT NULL,
    PRIMARY KEY (plan_id, candidate_hash)
);

CREATE TABLE plan_closures (
    plan_id   text PRIMARY KEY,
    closed_at timestamptz NOT NULL
);

-- Warnings alerts raised on a plan, and when they were acknowledged.
CREATE TABLE plan_warnings (
    warning_id      uuid PRIMARY KEY,
    plan_id         text        NOT NULL,
    level           text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_at timestamptz
);
CREATE INDEX plan_warnings_plan ON plan_warnings (plan_id);

-- Certificates by hashed candidate, for "one person, several certificates in a short time".
CREATE TABLE certificates (
    certificate_no text PRIMARY KEY,
    candidate_hash text        NOT NULL,
    plan_id        text        NOT NULL,
    issued_at      timestamptz NOT NULL
);
CREATE INDEX certificates_candidate ON certificates (candidate_hash, issued_at);

-- Breaches already announced, so a rescore does not raise the same warning twice.
CREATE TABLE plan_breaches (
    plan_id     text        NOT NULL,
    rule_id     text        NOT NULL,
    detected_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, rule_id)
);

-- Plans to rescore once due_at passes: after their facts changed (debounced, so a burst of facts costs a
-- few scorings) or when time alone changes them (the exam ended, a deadline passed).
CREATE TABLE rescore_queue (
    plan_id text PRIMARY KEY,
    due_at  timestamptz NOT NULL
);
CREATE INDEX rescore_queue_due ON rescore_queue (due_at);
