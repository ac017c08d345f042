package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a complete dropped file into the {@link ErpFile} the core gets, read once and checked against what the scan
 * saw. A file the connector can never send is not offered but moved to {@code failed/} at once with its error file:
 * one over the size limit, a symbolic link or special file, one the connector may not read, one whose name has control
 * characters, an empty file marked done.
 */
final class DroppedFileReader {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedFileReader.class);

    private final ErpOutboxSettings settings;
    private final AttachmentOrders attachmentOrders;
    private final Archiver archiver;

    DroppedFileReader(ErpOutboxSettings settings, Archiver archiver) {
        this.settings = settings;
        this.attachmentOrders = new AttachmentOrders(settings.attachmentNaming());
        this.archiver = archiver;
    }

    /** Empty when the file was refused, went away, or changed while read; caller holds {@code tracker}'s lock. */
    Optional<ErpFile> take(IntegrationName integration, ErpFolders folders, DroppedFile c, StabilityTracker tracker) {
        String kind = c.kind();
        if (!c.attributes().isRegularFile()) {
            return refuse(integration, folders, c, "it is a symbolic link or a special file, not a regular file; the "
                    + "connector does not follow links, so a link cannot make it send a file the ERP could not read",
                    "drop the file itself into the folder, not a link to it");
        }
        if (c.attributes().size() == 0) {
            return refuse(integration, folders, c, "the file is empty (0 bytes) although its .done marker says it "
                    + "is complete", "export the " + kind + " again, then write the .done marker");
        }
        ErpDocumentRef ref;
        try {
            ref = new ErpDocumentRef(c.ref());
        } catch (IllegalArgumentException e) {
            return refuse(integration, folders, c, "the file name cannot be used (" + e.getMessage() + ")",
                    "rename the file to a name without control characters, at most 1000 characters long, and drop "
                            + "it again");
        }
        int limit = c.attachment() ? settings.maxAttachmentBytes() : settings.maxDocumentBytes();
        if (c.attributes().size() > limit) {
            return refuse(integration, folders, c, "the " + kind + " is " + c.attributes().size()
                    + " bytes, over the connector's limit of " + limit + " bytes for " + kind + "s",
                    c.attachment() ? "send a smaller file (compress it, or split it into several attachments), or "
                            + "raise the connector's attachment size limit if Jakamo accepts larger files"
                            : "check the export: a Jakamo document is rarely this large; split the order, or raise "
                            + "the connector's document size limit");
        }
        byte[] bytes;
        try {
            Optional<byte[]> read = readExactly(c);
            if (read.isEmpty()) {
                LOG.debug("{} changed while it was read; it waits for the next scan", c.path());
                tracker.forget(c.path());
                return Optional.empty();
            }
            bytes = read.get();
        } catch (AccessDeniedException e) {
            return refuse(integration, folders, c, "the connector's user (" + System.getProperty("user.name")
                    + ") may not read the file", "let the ERP create files readable by the connector's group "
                    + "(umask 002 or 007), then move the file from failed/ back into the drop folder");
        } catch (NoSuchFileException e) {
            tracker.forget(c.path());
            return Optional.empty();
        } catch (IOException e) {
            // a Windows writer's lock, a share's hiccup: try again at the next scan
            LOG.warn("could not read {}; trying again at the next scan: {}", c.path(), e.toString());
            tracker.forget(c.path());
            return Optional.empty();
        }
        if (!c.attachment()) {
            return Optional.of(ErpFile.document(ref, c.fileName(), bytes));
        }
        return Optional.of(ErpFile.attachment(ref, c.fileName(), bytes, attachmentOrders.orderOf(c),
                attachmentOrders.noOrderAdvice(folders, c)));
    }

    /** Reads the whole file once, and only if it is still exactly what the scan saw. */
    private static Optional<byte[]> readExactly(DroppedFile c) throws IOException {
        long size = c.attributes().size();
        byte[] bytes = new byte[(int) size];
        try (SeekableByteChannel channel = Files.newByteChannel(c.path(), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    return Optional.empty(); // shorter than seen: rewritten meanwhile
                }
            }
            if (channel.read(ByteBuffer.allocate(1)) > 0) {
                return Optional.empty(); // longer than seen: still being written
            }
        }
        BasicFileAttributes after = Files.readAttributes(c.path(), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (after.size() != size || !after.lastModifiedTime().equals(c.attributes().lastModifiedTime())) {
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private Optional<ErpFile> refuse(IntegrationName integration, ErpFolders folders, DroppedFile c,
                                     String whatHappened, String whatToDo) {
        LOG.warn("not offering {} of integration {}: {}; moving it to {}",
                DropFolderRules.printable(c.path().toString()), integration, whatHappened, folders.failedDir());
        archiver.moveFile(integration, folders, c.path(), c.ref(), new ArchiveVerdict.Failed(whatHappened, whatToDo));
        return Optional.empty();
    }
}
