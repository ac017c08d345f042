package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.document.Sha256;
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

    /**
     * {@link #archive}, but only while the file still holds the bytes that were read ({@code read} is their SHA-256).
     * A file the ERP rewrote since is a new document: it stays where it is, to be picked up as such, and this returns
     * false. Archiving it would file away, unsent, content nobody sent. True when archived, or already gone.
     * <p>
     * The default archives whatever is there, for an ERP side whose documents cannot change once handed over.
     */
    default boolean archiveIfUnchanged(IntegrationName integration, ErpDocumentRef ref, Sha256 read,
                                       ArchiveVerdict verdict) {
        archive(integration, ref, verdict);
        return true;
    }

    /**
     * The files of the failed archive that may be the one {@code ref} was filed as (under its own name, or as
     * archiving renames it), each with its bytes as they are now: a clerk may have corrected the file there. Empty
     * when none is there. The default has no failed archive to look into.
     */
    default List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        return List.of();
    }
}
