-- A document by the ERP's reference for it: the pick-up's lookup of a name handed over again, and the HTTP ERP
-- adapter's status call (GET .../documents/{id}), which an ERP may poll for every document it posted. Without it both
-- read the whole table, which only grows until retention.
CREATE INDEX outbound_document_by_erp_ref ON outbound_document (integration, erp_ref, id);
