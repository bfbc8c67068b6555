-- Written notices (书面通知), one per request; the request id makes a redelivery harmless.
CREATE TABLE notices (
    notice_id   uuid PRIMARY KEY,
    request_id  uuid        NOT NULL UNIQUE,
    document_no text        NOT NULL UNIQUE,
    kind        text        NOT NULL,
    issuer_code text        NOT NULL,
    issuer      text        NOT NULL,
    org_code    text        NOT NULL,
    org_name    text,
    plan_id     text,
    region_code text        NOT NULL,
    issued_at   timestamptz NOT NULL,
    content     jsonb       NOT NULL
);
CREATE INDEX notices_org ON notices (org_code, issued_at);

-- The last document number per issuer and year: taken (incremented) in the transaction that stores the
-- notice, so a rolled-back notice gives its number back and two issuers never share one.
CREATE TABLE notice_counters (
    issuer_code text    NOT NULL,
    year        integer NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (issuer_code, year)
);

-- The public list (信息公示) of suspensions and revocations of evaluation organizations.
CREATE TABLE catalogue_actions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_code    text        NOT NULL,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    reason      text        NOT NULL,
    plan_id     text,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX catalogue_actions_org ON catalogue_actions (org_code, changed_at);
