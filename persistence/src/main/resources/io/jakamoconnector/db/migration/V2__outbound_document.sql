-- Every document picked up from the ERP, with its exact bytes, on its way to Jakamo.
-- The unique (integration, sha256) makes the same bytes impossible to record (and so to send) twice.
CREATE TABLE outbound_document (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    integration     text        NOT NULL,
    erp_ref         text        NOT NULL,
    file_name       text        NOT NULL,
    sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    document_type   text        NOT NULL,
    business_key    text,
    content         bytea       NOT NULL,
    state           text        NOT NULL
        CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'IN_DOUBT', 'FAILED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    next_attempt_at timestamptz,
    claimed_by      text,
    claimed_at      timestamptz,
    last_error      text,
    archived_at     timestamptz,
    -- an operator's last correction (retry, or resolving a document in doubt)
    resolved_by     text,
    resolved_at     timestamptz,
    resolution_note text,
    CONSTRAINT outbound_document_once UNIQUE (integration, sha256),
    CONSTRAINT outbound_document_claim_whole CHECK ((claimed_by IS NULL) = (claimed_at IS NULL))
);

-- the claim query walks pending documents in id order
CREATE INDEX outbound_document_pending ON outbound_document (integration, id) WHERE state = 'PENDING';
CREATE INDEX outbound_document_sending ON outbound_document (integration, claimed_at) WHERE state = 'SENDING';
-- per-business-key ordering: an earlier unsent document for the same key holds back later ones
CREATE INDEX outbound_document_by_business_key ON outbound_document (integration, business_key, id)
    WHERE business_key IS NOT NULL;
CREATE INDEX outbound_document_unarchived ON outbound_document (integration, id) WHERE archived_at IS NULL;
CREATE INDEX outbound_document_by_time ON outbound_document (integration, created_at);
