package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers documents from Jakamo into each integration's {@code from_jakamo/}: a hidden temp file in the same folder,
 * fsync, atomic rename, fsync the folder, so the ERP sees a whole file or none, even across a power loss. Names come
 * from {@link InboxFileNames} and end with the message's dedup key, so two responses to one order both survive and a
 * repeated delivery of one message finds its own file: identical bytes, nothing written, the same name returned.
 * Nothing is ever overwritten; a different file under the connector's name stops delivery loudly.
 */
public final class FileSystemErpInboxAdapter implements ErpInboxPort {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemErpInboxAdapter.class);

    private final ErpFolderTrees trees;
    private final DurableFiles.Interruption interruption;

    public FileSystemErpInboxAdapter(ErpFolderTrees trees) {
        this(trees, DurableFiles.Interruption.NONE);
    }

    FileSystemErpInboxAdapter(ErpFolderTrees trees, DurableFiles.Interruption interruption) {
        this.trees = Objects.requireNonNull(trees, "trees");
        this.interruption = Objects.requireNonNull(interruption, "interruption");
    }

    @Override
    public String deliver(IntegrationName integration, Document document, DedupKey key) {
        return write(integration, document, InboxFileNames.document(document, key));
    }

    @Override
    public String deliverAttachment(IntegrationName integration, Document document, DedupKey key,
                                    String originalFileName) {
        return write(integration, document, InboxFileNames.attachment(document.businessKey(), originalFileName, key));
    }

    private String write(IntegrationName integration, Document document, String name) {
        Path dir = trees.folders(integration).fromJakamoDir();
        if (!Files.isDirectory(dir)) {
            throw AccessFailures.notAFolder("deliver into", dir);
        }
        Path target = dir.resolve(name);
        byte[] bytes = document.bytes();
        try {
            DurableFiles.removeLeftoverTemps(dir, name);
            if (alreadyThere(target, bytes)) {
                return name;
            }
            DurableFiles.writeNew(target, bytes, interruption);
            LOG.info("delivered {} ({} bytes) for integration {}", target, bytes.length, integration);
            return name;
        } catch (FileAlreadyExistsException e) {
            // another delivery of this very message got there between the check and the rename: same bytes or refusal
            try {
                if (!alreadyThere(target, bytes)) {
                    LOG.info("{} was delivered by another attempt and already taken away by the ERP", target);
                }
                return name;
            } catch (IOException again) {
                throw AccessFailures.of("read back", target, again);
            }
        } catch (IOException e) {
            throw AccessFailures.of("deliver into", target, e);
        }
    }

    /** True when the file is there with these bytes; a different file under this name is refused, never replaced. */
    private static boolean alreadyThere(Path target, byte[] bytes) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && DurableFiles.sameContent(target, bytes)) {
            // delivered before a crash: make sure the rename is durable and report the same name
            DurableFiles.syncDirectory(target.getParent());
            LOG.info("{} was already delivered; not written again", target);
            return true;
        }
        throw new ErpAccessException(target + " already exists with different content and was left untouched. The "
                + "connector names its files by the message's unique key, so something else wrote a file under this "
                + "name: move that file away, then the delivery is retried", false, null);
    }
}
