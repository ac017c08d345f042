package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ERP's drop folder: files stay offered until archived; archiving twice is harmless. */
public final class InMemoryErpOutbox implements ErpOutboxPort {
    private final Map<IntegrationName, LinkedHashMap<ErpDocumentRef, ErpFile>> dropped = new LinkedHashMap<>();
    private final Map<ErpDocumentRef, ArchiveVerdict> archived = new LinkedHashMap<>();
    /** The files in the failed archive, as the failed/ folder keeps them (a clerk may correct them there). */
    private final Map<ErpDocumentRef, ErpFile> failed = new LinkedHashMap<>();
    private final CrashPoints crashes;

    public InMemoryErpOutbox(CrashPoints crashes) {
        this.crashes = crashes;
    }

    public InMemoryErpOutbox() {
        this(CrashPoints.none());
    }

    public synchronized ErpDocumentRef drop(IntegrationName integration, String fileName, String xml) {
        ErpDocumentRef ref = new ErpDocumentRef(fileName);
        dropped.computeIfAbsent(integration, k -> new LinkedHashMap<>())
                .put(ref, ErpFile.document(ref, fileName, xml.getBytes(StandardCharsets.UTF_8)));
        return ref;
    }

    public synchronized ErpDocumentRef dropAttachment(IntegrationName integration, String fileName, byte[] bytes,
                                                      String order) {
        ErpDocumentRef ref = new ErpDocumentRef("attachments/" + fileName);
        dropped.computeIfAbsent(integration, k -> new LinkedHashMap<>())
                .put(ref, ErpFile.attachment(ref, fileName, bytes, Optional.ofNullable(order).map(BusinessKey::new)));
        return ref;
    }

    @Override
    public synchronized List<ErpFile> pickUp(IntegrationName integration, int max) {
        List<ErpFile> files = new ArrayList<>(dropped.getOrDefault(integration, new LinkedHashMap<>()).values());
        List<ErpFile> result = files.subList(0, Math.min(max, files.size()));
        crashes.check(CrashPoints.AFTER_ERP_PICKUP);
        return List.copyOf(result);
    }

    @Override
    public synchronized void archive(IntegrationName integration, ErpDocumentRef ref, ArchiveVerdict verdict) {
        LinkedHashMap<ErpDocumentRef, ErpFile> files = dropped.getOrDefault(integration, new LinkedHashMap<>());
        // a file archived already follows a later outcome (a retry sent it, an operator discarded it), as in failed/
        ErpFile file = files.remove(ref);
        if (file != null || archived.containsKey(ref)) {
            archived.put(ref, verdict);
            if (verdict instanceof ArchiveVerdict.Failed && file != null) {
                failed.put(ref, file);
            } else if (!(verdict instanceof ArchiveVerdict.Failed)) {
                failed.remove(ref);
            }
        }
        crashes.check(CrashPoints.AFTER_ERP_ARCHIVE);
    }

    @Override
    public synchronized boolean archiveIfUnchanged(IntegrationName integration, ErpDocumentRef ref, Sha256 read,
                                                   ArchiveVerdict verdict) {
        ErpFile file = dropped.getOrDefault(integration, new LinkedHashMap<>()).get(ref);
        if (file != null && !Sha256.of(file.bytes()).equals(read)) {
            return false;
        }
        archive(integration, ref, verdict);
        return true;
    }

    /** The ERP writes the file again under the same name, as a careless ERP might after it was read. */
    public synchronized void rewrite(IntegrationName integration, ErpDocumentRef ref, String xml) {
        ErpFile file = dropped.get(integration).get(ref);
        dropped.get(integration).put(ref, ErpFile.document(ref, file.fileName(), xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        return Optional.ofNullable(failed.get(ref)).stream().toList();
    }

    /** A clerk corrects the file in the failed archive in place. */
    public synchronized void correctInFailed(ErpDocumentRef ref, String xml) {
        ErpFile file = failed.get(ref);
        failed.put(ref, ErpFile.document(ref, file.fileName(), xml.getBytes(StandardCharsets.UTF_8)));
    }

    public synchronized Map<ErpDocumentRef, ArchiveVerdict> archived() {
        return Map.copyOf(archived);
    }

    public synchronized int waiting(IntegrationName integration) {
        return dropped.getOrDefault(integration, new LinkedHashMap<>()).size();
    }
}
