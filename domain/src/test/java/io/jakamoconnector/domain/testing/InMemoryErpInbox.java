package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ERP's inbound folder: one file per message key, so a repeated delivery leaves one file. Staged documents are
 * kept apart until published, as the folder adapter keeps them hidden; {@link #take} is the ERP taking a file away.
 */
public final class InMemoryErpInbox implements ErpInboxPort {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, byte[]> staged = new LinkedHashMap<>();
    private final CrashPoints crashes;
    private int writes;

    public InMemoryErpInbox(CrashPoints crashes) {
        this.crashes = crashes;
    }

    public InMemoryErpInbox() {
        this(CrashPoints.none());
    }

    @Override
    public synchronized String deliver(IntegrationName integration, Document document, DedupKey key) {
        String name = stage(integration, document, key);
        publish(integration, name);
        return name;
    }

    @Override
    public synchronized String deliverAttachment(IntegrationName integration, Document document, DedupKey key,
                                                 String originalFileName) {
        String name = stageAttachment(integration, document, key, originalFileName);
        publish(integration, name);
        return name;
    }

    @Override
    public synchronized String stage(IntegrationName integration, Document document, DedupKey key) {
        return put(integration + "/" + document.type().label() + "-"
                + document.businessKey().map(Object::toString).orElse("none") + "-" + key.shortForm() + ".xml",
                document);
    }

    /** Keeps the original name at the end, so a test sees that it arrived. */
    @Override
    public synchronized String stageAttachment(IntegrationName integration, Document document, DedupKey key,
                                               String originalFileName) {
        return put(integration + "/" + document.type().label() + "-"
                + document.businessKey().map(Object::toString).orElse("none") + "-" + key.shortForm() + "-"
                + originalFileName, document);
    }

    private String put(String name, Document document) {
        byte[] visible = files.get(name);
        if (visible != null && !Arrays.equals(visible, document.bytes())) {
            throw new IllegalStateException("two different documents for one name: " + name);
        }
        if (visible == null) {
            staged.put(name, document.bytes());
        }
        crashes.check(CrashPoints.AFTER_ERP_DELIVER);
        return name;
    }

    @Override
    public synchronized void publish(IntegrationName integration, String name) {
        byte[] document = staged.remove(name);
        if (document != null && !files.containsKey(name)) {
            files.put(name, document);
            writes++;
        }
        crashes.check(CrashPoints.AFTER_ERP_PUBLISH);
    }

    /** The ERP takes a delivered file away, as ERPs do once they imported it; returns whether it was there. */
    public synchronized boolean take(String name) {
        return files.remove(name) != null;
    }

    /** What the ERP sees now. */
    public synchronized Map<String, byte[]> files() {
        return Map.copyOf(files);
    }

    /** Staged and not yet shown to the ERP. */
    public synchronized Map<String, byte[]> staged() {
        return Map.copyOf(staged);
    }

    /** How many times a document was shown to the ERP (a repeated delivery of the same key shows nothing new). */
    public synchronized int writes() {
        return writes;
    }
}
