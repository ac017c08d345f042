-- An operator may discard a failed, dead or in-doubt document: it will never be sent, and no longer waits for a person.
-- V2 named its state CHECK by PostgreSQL's default; it is replaced by one that also allows DISCARDED.
ALTER TABLE outbound_document DROP CONSTRAINT outbound_document_state_check;
ALTER TABLE outbound_document ADD CONSTRAINT outbound_document_state_check
    CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'IN_DOUBT', 'FAILED', 'DEAD', 'DISCARDED'));
