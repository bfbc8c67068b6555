-- API keys this service accepts, by the SHA-256 of the key: a copy of what ApiKeyIssued/ApiKeyRevoked announce.
CREATE TABLE api_keys (
    key_id      uuid PRIMARY KEY,
    name        text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('platform', 'center', 'operator')),
    region_code text,
    key_hash    text        NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL,
    revoked_at  timestamptz
);
