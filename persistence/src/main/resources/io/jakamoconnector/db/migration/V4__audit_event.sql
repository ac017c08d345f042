-- The audit trail: one row per event, hash-chained. hash = SHA-256(prev_hash || canonical form of the row);
-- the canonical form is computed by the application (see CanonicalAuditForm), so a verifier needs no database code.
CREATE TABLE audit_event (
    seq                   bigint      PRIMARY KEY CHECK (seq > 0),
    ts                    timestamptz NOT NULL,
    node                  text        NOT NULL,
    actor                 text        NOT NULL,
    integration           text,
    action                text        NOT NULL,
    outcome               text        NOT NULL,
    business_key          text,
    file_name             text,
    sha256                text,
    reason                text,
    correlation_id        text,
    remote_correlation_id text,
    duration_ms           bigint,
    attempt               integer,
    token_fingerprint     text,
    credential_key_id     text,
    prev_hash             bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash                  bytea       NOT NULL CHECK (octet_length(hash) = 32)
);

CREATE INDEX audit_event_by_time ON audit_event (ts);

-- The chain's head: appenders lock this one row (FOR UPDATE) to take the next sequence number and the previous
-- hash, which serialises appends from every thread and instance without locking anything else.
CREATE TABLE audit_head (
    id        boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_seq  bigint  NOT NULL CHECK (last_seq >= 0),
    last_hash bytea   NOT NULL CHECK (octet_length(last_hash) = 32)
);

INSERT INTO audit_head (id, last_seq, last_hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));
