-- Pre-flight validation's warnings travel with a document that is sent anyway: one summary a line (no document text),
-- NULL when there were none.
ALTER TABLE outbound_document ADD COLUMN warnings text;
