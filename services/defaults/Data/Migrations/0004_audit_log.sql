-- The operator audit trail: every state-changing call (POST, PUT, PATCH, DELETE) made with an operator or a center
-- key, written once the response's status is known. Who (the key's id and name, its role and region), what (method,
-- route pattern, path, the resource id in the route, the status answered), when (UTC, as the call arrived) and from
-- where (the client's address, the trace). Never the request body, never the key. Read by operators: GET /api/v1/audit.
CREATE TABLE audit_log (
    audit_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    key_id         text        NOT NULL,
    key_name       text        NOT NULL,
    role           text        NOT NULL,
    region_code    text,
    method         text        NOT NULL,
    route          text,
    path           text        NOT NULL,
    resource_id    text,
    status         integer     NOT NULL,
    client_address text,
    trace_id       text
);
-- Pages are newest first by audit_id (the primary key, read backwards); a key's calls, and a period's, by these.
CREATE INDEX audit_log_key ON audit_log (key_id, audit_id);
CREATE INDEX audit_log_at ON audit_log (at);
