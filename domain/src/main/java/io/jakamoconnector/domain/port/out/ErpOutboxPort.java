package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.List;

/** Picks up the documents the ERP wants sent, and archives them once handled. */
public interface ErpOutboxPort {

    /**
     * Complete files only (never one still being written), oldest first, at most {@code max}. A file stays offered
     * until it is archived, so a file already recorded may be offered again; the core recognises it by name and SHA-256.
     */
    List<ErpFile> pickUp(IntegrationName integration, int max);

    /** Moves a handled file out of the drop folder; never overwrites an archived file; idempotent. */
    void archive(IntegrationName integration, ErpDocumentRef ref, ArchiveVerdict verdict);
}
