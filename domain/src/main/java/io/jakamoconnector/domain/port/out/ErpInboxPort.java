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
}
