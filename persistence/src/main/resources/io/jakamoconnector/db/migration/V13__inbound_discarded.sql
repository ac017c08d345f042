-- An operator may discard a quarantined message Jakamo's queue was cleared of: it is never delivered, no longer waits
-- for a person, and its kept bytes are dropped (the quarantine_kept CHECK already requires that for any other state).
-- V1 named its state CHECK by PostgreSQL's default; it is replaced by one that also allows DISCARDED.
ALTER TABLE inbound_message DROP CONSTRAINT inbound_message_state_check;
ALTER TABLE inbound_message ADD CONSTRAINT inbound_message_state_check
    CHECK (state IN ('DELIVERED', 'ACKNOWLEDGED', 'QUARANTINED', 'QUARANTINED_ACKNOWLEDGED', 'DISCARDED'));
