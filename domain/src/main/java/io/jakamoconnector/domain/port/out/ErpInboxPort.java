package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;

/** Hands documents from Jakamo to the ERP. */
public interface ErpInboxPort {

    /**
     * Makes the document durably visible to the ERP, all or nothing, and says under what name. Idempotent for the same
     * key: delivering the same message again (after a crash) leaves one copy, never two, and never overwrites another
     * message's document.
     */
    String deliver(IntegrationName integration, Document document, DedupKey key);

    /**
     * Delivers a downloaded attachment as {@link #deliver} does, telling the ERP side the file name Jakamo gave it
     * (the attachment message's {@code Filename}, untrusted: it may hold any character, a path or nothing useful), so
     * an implementation can keep its extension. The default ignores the name.
     */
    default String deliverAttachment(IntegrationName integration, Document document, DedupKey key,
                                     String originalFileName) {
        return deliver(integration, document, key);
    }

    /**
     * Step one of a delivery in two steps: puts the document durably where the ERP does not look yet, under the name
     * {@link #publish} will show it by, and returns that name. The core stages inside the unit of work that records the
     * message and publishes once that is committed; for a recorded message that comes back from the queue (a crash
     * before its acknowledgement) it publishes again. So a crash anywhere loses nothing and shows the ERP nothing
     * twice, even when the ERP took the first copy away before the crash. Staging the same key again replaces what was
     * staged for it.
     * <p>
     * The default delivers at once ({@link #publish} then does nothing), for an ERP side that cannot hold a document
     * back. Such an adapter keeps a narrow window: a crash after its delivery and before the record's commit delivers
     * the message again, which {@link #deliver}'s idempotence makes harmless unless the ERP took the first copy away.
     */
    default String stage(IntegrationName integration, Document document, DedupKey key) {
        return deliver(integration, document, key);
    }

    /** {@link #stage} for a downloaded attachment, with the untrusted name Jakamo gave it (see {@link #deliverAttachment}). */
    default String stageAttachment(IntegrationName integration, Document document, DedupKey key,
                                   String originalFileName) {
        return deliverAttachment(integration, document, key, originalFileName);
    }

    /**
     * Step two: shows the ERP what {@link #stage} put aside under {@code name}, durably. Idempotent: when the document
     * is already visible, or neither staged nor visible any more (the ERP took it), nothing happens.
     */
    default void publish(IntegrationName integration, String name) {
        // delivered at once by the default stage
    }
}
