package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.Check;
import java.time.Duration;

/**
 * How the outbox decides a file is complete and how much it reads.
 *
 * @param stableFor          a file without a {@code .done} marker is complete once its size and modification time
 *                           have not changed for this long (seen by two scans at least this far apart). Zero takes a
 *                           file at first sight: only for ERPs that always rename files in or write markers
 * @param maxDocumentBytes   the largest XML document read; a larger one goes to {@code failed/} with an error file
 * @param maxAttachmentBytes the largest attachment read; a larger one goes to {@code failed/} likewise
 * @param attachmentNaming   how an attachment's file name names its order when no {@code .order} sidecar does
 */
public record ErpOutboxSettings(Duration stableFor, int maxDocumentBytes, int maxAttachmentBytes,
                                AttachmentNaming attachmentNaming) {
    public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(2);
    /** The same limit as the document reader's, so nothing read here is refused there for its size. */
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

    public ErpOutboxSettings {
        Check.notNull("outbox.stableFor", stableFor);
        Check.that(!stableFor.isNegative(), "outbox.stableFor", "must not be negative");
        Check.that(maxDocumentBytes > 0, "outbox.maxDocumentBytes", "must be positive");
        Check.that(maxAttachmentBytes > 0, "outbox.maxAttachmentBytes", "must be positive");
        Check.notNull("outbox.attachmentNaming", attachmentNaming);
    }

    public static ErpOutboxSettings defaults() {
        return new ErpOutboxSettings(DEFAULT_STABLE_FOR, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_ATTACHMENT_BYTES,
                AttachmentNaming.FIRST_UNDERSCORE);
    }

    public ErpOutboxSettings withStableFor(Duration value) {
        return new ErpOutboxSettings(value, maxDocumentBytes, maxAttachmentBytes, attachmentNaming);
    }

    public ErpOutboxSettings withMaxBytes(int document, int attachment) {
        return new ErpOutboxSettings(stableFor, document, attachment, attachmentNaming);
    }

    public ErpOutboxSettings withAttachmentNaming(AttachmentNaming value) {
        return new ErpOutboxSettings(stableFor, maxDocumentBytes, maxAttachmentBytes, value);
    }
}
