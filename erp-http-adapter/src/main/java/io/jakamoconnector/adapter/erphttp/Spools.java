package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The durable state of every integration of this side, below {@code <state directory>/<integration>/}: the spool of
 * documents from the ERP and the inbox of messages for it. Refuses an integration it was not opened for.
 */
final class Spools {
    /** Names the spool and inbox accept: no path, no hidden file, one folder entry. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Map<IntegrationName, DocumentSpool> spools = new LinkedHashMap<>();
    private final Map<IntegrationName, MessageInbox> inboxes = new LinkedHashMap<>();

    Spools(Path stateDirectory, Iterable<IntegrationName> integrations) {
        for (IntegrationName name : integrations) {
            Path dir = stateDirectory.resolve(name.value());
            spools.put(name, new DocumentSpool(dir));
            inboxes.put(name, new MessageInbox(dir));
        }
    }

    void create() {
        for (Map.Entry<IntegrationName, DocumentSpool> e : spools.entrySet()) {
            try {
                e.getValue().create();
                inboxes.get(e.getKey()).create();
            } catch (IOException ex) {
                throw AccessFailures.of("create the spool of integration " + e.getKey() + " in "
                        + e.getValue().directory().getParent(), ex);
            }
        }
    }

    boolean serves(IntegrationName integration) {
        return spools.containsKey(integration);
    }

    Iterable<IntegrationName> integrations() {
        return spools.keySet();
    }

    DocumentSpool spool(IntegrationName integration) {
        DocumentSpool spool = spools.get(integration);
        if (spool == null) {
            throw notOpened(integration);
        }
        return spool;
    }

    MessageInbox inbox(IntegrationName integration) {
        MessageInbox inbox = inboxes.get(integration);
        if (inbox == null) {
            throw notOpened(integration);
        }
        return inbox;
    }

    static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ErpAccessException("the name " + (name == null ? "null" : "'" + name + "'") + " cannot be kept "
                    + "by the ERP HTTP adapter (1 to 200 of A-Z a-z 0-9 . _ -, not starting with . _ or -)", false,
                    null);
        }
        return name;
    }

    private static ErpAccessException notOpened(IntegrationName integration) {
        return new ErpAccessException("integration " + integration + " is not an HTTP integration of this "
                + "connector; check its erp.type in the configuration", false, null);
    }
}
