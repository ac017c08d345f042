-- Every message taken from a Jakamo queue, recorded in the same transaction as its delivery to the ERP.
-- The unique (integration, dedup_key) makes a second delivery of the same message impossible, not unlikely.
CREATE TABLE inbound_message (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    integration       text        NOT NULL,
    dedup_key         text        NOT NULL CHECK (dedup_key ~ '^[0-9a-f]{64}$'),
    document_type     text        NOT NULL,
    business_key      text,
    sha256            text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    state             text        NOT NULL
        CHECK (state IN ('DELIVERED', 'ACKNOWLEDGED', 'QUARANTINED', 'QUARANTINED_ACKNOWLEDGED')),
    received_at       timestamptz NOT NULL,
    delivered_at      timestamptz,
    delivered_as      text,
    deliveries        integer     NOT NULL DEFAULT 0 CHECK (deliveries >= 0),
    acknowledged_at   timestamptz,
    quarantine_reason text,
    quarantined_bytes bytea,
    -- the queue lease's fencing token under which the message was recorded
    fencing_token     bigint      NOT NULL,
    CONSTRAINT inbound_message_once UNIQUE (integration, dedup_key),
    CONSTRAINT inbound_message_quarantine_kept
        CHECK ((state IN ('QUARANTINED', 'QUARANTINED_ACKNOWLEDGED')) = (quarantined_bytes IS NOT NULL))
);

CREATE INDEX inbound_message_by_time ON inbound_message (integration, received_at);
CREATE INDEX inbound_message_by_business_key ON inbound_message (business_key) WHERE business_key IS NOT NULL;
