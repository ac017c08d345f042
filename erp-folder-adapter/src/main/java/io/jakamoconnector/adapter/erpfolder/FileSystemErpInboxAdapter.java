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
 * <p>
 * The core delivers in two steps ({@link #stage}, then {@link #publish} after its commit): the staged copy is hidden,
 * so the ERP never sees a document whose record a crash could still undo, and never sees one twice.
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

    /**
     * Writes the document durably as {@code .<name>.staged} beside where the ERP will see it: hidden, so no ERP
     * convention takes it, and not a temp file, so housekeeping never removes it. Staging again replaces it.
     */
    @Override
    public String stage(IntegrationName integration, Document document, DedupKey key) {
        return stageAs(integration, document, InboxFileNames.document(document, key));
    }

    @Override
    public String stageAttachment(IntegrationName integration, Document document, DedupKey key,
                                  String originalFileName) {
        return stageAs(integration, document, InboxFileNames.attachment(document.businessKey(), originalFileName, key));
    }

    /**
     * Renames the staged copy to {@code name} and syncs the folder. Nothing staged: published before, or the ERP has
     * taken the file since; either way there is nothing to do, and nothing is written again.
     */
    @Override
    public void publish(IntegrationName integration, String name) {
        Path dir = trees.folders(integration).fromJakamoDir();
        Path target = dir.resolve(name).normalize();
        if (!dir.equals(target.getParent()) || name.startsWith(".")) {
            throw new IllegalArgumentException("not a name this adapter delivers under: " + name);
        }
        Path staged = dir.resolve(stagedName(name));
        try {
            if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            byte[] bytes = Files.readAllBytes(staged);
            if (alreadyThere(target, bytes)) {
                DurableFiles.deleteQuietly(staged);
                DurableFiles.syncDirectory(dir);
                return;
            }
            interruption.at(DurableFiles.BEFORE_RENAME);
            DurableFiles.moveWithoutReplacing(staged, target);
            DurableFiles.syncDirectory(dir);
            LOG.info("delivered {} ({} bytes) for integration {}", target, bytes.length, integration);
        } catch (java.nio.file.NoSuchFileException e) {
            // another instance published it between the check and the rename
            LOG.info("{} was published by another attempt", target);
        } catch (FileAlreadyExistsException e) {
            throw new ErpAccessException(target + " appeared while the connector was delivering under that name and "
                    + "was left untouched; the document stays staged as " + staged.getFileName() + ". Move the other "
                    + "file away, then the delivery is finished at the next poll", false, e);
        } catch (IOException e) {
            throw AccessFailures.of("deliver into", target, e);
        }
    }

    static String stagedName(String name) {
        return "." + name + ".staged";
    }

    private String stageAs(IntegrationName integration, Document document, String name) {
        Path dir = trees.folders(integration).fromJakamoDir();
        if (!Files.isDirectory(dir)) {
            throw AccessFailures.notAFolder("deliver into", dir);
        }
        Path target = dir.resolve(name);
        Path staged = dir.resolve(stagedName(name));
        byte[] bytes = document.bytes();
        try {
            DurableFiles.removeLeftoverTemps(dir, stagedName(name));
            if (alreadyThere(target, bytes)) {
                return name;
            }
            DurableFiles.deleteQuietly(staged);   // an earlier staging of this very message, never committed
            DurableFiles.writeNew(staged, bytes, interruption);
            return name;
        } catch (IOException e) {
            throw AccessFailures.of("stage", staged, e);
        }
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
