-- The same bytes are recorded once per integration AND business key (SyncStatePort#registerOutbound): an attachment's
-- order is not in its bytes, so the same drawing for two orders is two uploads. An XML document's key comes from its
-- bytes, so for documents nothing changes. A document with no key (unreadable, an attachment naming no order) counts
-- as the key '' so that its copies still find it; a business key is never blank.
ALTER TABLE outbound_document DROP CONSTRAINT outbound_document_once;
CREATE UNIQUE INDEX outbound_document_once_per_key
    ON outbound_document (integration, sha256, (coalesce(business_key, '')));
