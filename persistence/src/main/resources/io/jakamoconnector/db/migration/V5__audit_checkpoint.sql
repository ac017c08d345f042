-- Signed anchors of the audit chain: (seq, hash) signed with a key kept outside the database. A hash chain alone
-- cannot show that its tail was cut off; a checkpoint past the cut can.
CREATE TABLE audit_checkpoint (
    seq       bigint      PRIMARY KEY CHECK (seq > 0),
    hash      bytea       NOT NULL CHECK (octet_length(hash) = 32),
    signed_at timestamptz NOT NULL,
    key_id    text        NOT NULL,
    signature bytea       NOT NULL
);
