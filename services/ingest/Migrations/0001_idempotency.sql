-- Answers to requests that carried an Idempotency-Key, per caller (API key) and key.
-- status_code is null while the first request is still being served; lease_until lets another
-- request take over a key whose first holder died.
CREATE TABLE idempotency_keys (
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    status_code     integer,
    response_body   text,
    lease_until     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
