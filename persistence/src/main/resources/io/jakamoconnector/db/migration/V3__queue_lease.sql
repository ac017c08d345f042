-- One row per integration queue: the advisory lock key that guards its poller, and the fencing token that grows
-- each time the lock changes hands, so a holder that lost the lock cannot record or acknowledge any more.
CREATE TABLE queue_lease (
    integration   text        PRIMARY KEY,
    lock_key      integer     GENERATED ALWAYS AS IDENTITY UNIQUE,
    fencing_token bigint      NOT NULL DEFAULT 0 CHECK (fencing_token >= 0),
    holder        text,
    acquired_at   timestamptz
);
