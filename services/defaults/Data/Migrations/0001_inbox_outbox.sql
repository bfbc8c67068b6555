-- Reliable messaging tables every service owns in its own schema (search_path points there).

-- Messages this service has consumed, per consumer: a redelivery finds its row and changes nothing.
CREATE TABLE inbox (
    consumer    text        NOT NULL,
    message_id  uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- Messages written in the same transaction as the state change that caused them, relayed after commit.
CREATE TABLE outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id    uuid        NOT NULL UNIQUE,
    message_type  text        NOT NULL,
    body          jsonb       NOT NULL,
    conversation_id uuid,
    correlation_id  uuid,
    trace_parent  text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
