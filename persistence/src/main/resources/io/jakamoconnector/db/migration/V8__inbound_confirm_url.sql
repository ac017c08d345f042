-- A sales order's queue message carries Jakamo-Confirm-Url: an empty POST to it accepts every change the customer
-- proposed. It is kept with the message, so the ERP can ask for that later (a ConfirmAllChanges instruction), long
-- after the message was acknowledged. NULL for messages without one.
ALTER TABLE inbound_message ADD COLUMN confirm_url text CHECK (confirm_url IS NULL OR length(confirm_url) <= 2048);

-- the sender looks up the last Order or OrderChange received for an order number
CREATE INDEX inbound_message_latest_order ON inbound_message (integration, business_key, received_at DESC, id DESC)
    WHERE document_type IN ('ORDER', 'ORDER_CHANGE');
