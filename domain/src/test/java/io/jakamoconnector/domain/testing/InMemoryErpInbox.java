package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ERP's inbound folder: one file per message key, so a repeated delivery leaves one file. */
public final class InMemoryErpInbox implements ErpInboxPort {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
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
        return store(integration + "/" + document.type().label() + "-"
                + document.businessKey().map(Object::toString).orElse("none") + "-" + key.shortForm() + ".xml",
                document);
    }

    /** Keeps the original name at the end, so a test sees that it arrived. */
    @Override
    public synchronized String deliverAttachment(IntegrationName integration, Document document, DedupKey key,
                                                 String originalFileName) {
        return store(integration + "/" + document.type().label() + "-"
                + document.businessKey().map(Object::toString).orElse("none") + "-" + key.shortForm() + "-"
                + originalFileName, document);
    }

    private String store(String name, Document document) {
        byte[] existing = files.get(name);
        if (existing == null) {
            files.put(name, document.bytes());
            writes++;
        } else if (!java.util.Arrays.equals(existing, document.bytes())) {
            throw new IllegalStateException("two different documents for one name: " + name);
        }
        crashes.check(CrashPoints.AFTER_ERP_DELIVER);
        return name;
    }

    public synchronized Map<String, byte[]> files() {
        return Map.copyOf(files);
    }

    /** How many times a file was really written (a repeated delivery of the same key writes nothing). */
    public synchronized int writes() {
        return writes;
    }
}
