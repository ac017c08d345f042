package io.jakamoconnector.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.w3c.dom.Document;

/**
 * The integrations' message queues and the order (or claim) numbers each knows: what is put on a queue, what waits
 * there, and the documents a number stands for. Reading and acknowledging over HTTP is {@link QueueEndpoints}'. All
 * state lives in the {@link Registry}, under its monitor.
 */
final class IntegrationQueues {
    private final Registry registry;
    private final ApiVariants variants;
    private final Clock clock;

    IntegrationQueues(Registry registry, ApiVariants variants, Clock clock) {
        this.registry = registry;
        this.variants = variants;
        this.clock = clock;
    }

    /** Any well-formed XML document at the tail; root and number are read from it. */
    QueueMessage enqueue(String integrationName, String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        Document document;
        try {
            document = Xml.parse(body);
        } catch (Xml.NotWellFormed e) {
            throw new IllegalArgumentException("xml: not well-formed: " + e.getMessage(), e);
        }
        String root = Xml.rootName(document);
        synchronized (registry) {
            Registry.IntegrationState state = state(integrationName);
            boolean claims = state.kind == IntegrationKind.CLAIMS;
            String number = Xml.documentNumber(document, claims).orElse(null);
            boolean salesOrder = state.kind == IntegrationKind.SALES_ORDERS && (root.equals("Order") || root.equals("OrderChange"));
            if (salesOrder && number != null) {
                state.documents.put(number, body);
            }
            return enqueue(state, root, number, body, salesOrder).snapshot();
        }
    }

    /** The file becomes downloadable at a URI under the callback base, and an {@code attachment} message is queued. */
    QueueMessage enqueueAttachment(String integrationName, String orderNumber, String fileName, byte[] content) {
        String id = UUID.randomUUID().toString();
        String uri = variants.callbackBase() + "/api/attachment/" + id;
        byte[] body = Documents.attachmentMessage(uri, fileName, orderNumber);
        synchronized (registry) {
            Registry.IntegrationState state = state(integrationName);
            registry.attachments.put(id, new Registry.StoredAttachment(id, integrationName, orderNumber, fileName, content.clone()));
            return enqueue(state, "attachment", orderNumber, body, false).snapshot();
        }
    }

    /** Caller holds the registry monitor. */
    Registry.StoredMessage enqueue(Registry.IntegrationState state, String root, String number, byte[] body, boolean salesOrder) {
        Registry.StoredMessage message = new Registry.StoredMessage(UUID.randomUUID().toString(), state.name, root, number,
                body, clock.instant(), salesOrder);
        state.queue.addLast(message);
        return message;
    }

    List<QueueMessage> queue(String integrationName) {
        synchronized (registry) {
            return state(integrationName).queue.stream().map(Registry.StoredMessage::snapshot).toList();
        }
    }

    void clearQueue(String integrationName) {
        synchronized (registry) {
            state(integrationName).queue.clear();
        }
    }

    Set<String> knownDocuments(String integrationName) {
        synchronized (registry) {
            return new LinkedHashSet<>(state(integrationName).documents.keySet());
        }
    }

    /** The latest full document the integration posted (or was sent) under {@code number}, or null. */
    byte[] latestDocument(String integrationName, String number) {
        synchronized (registry) {
            return state(integrationName).documents.get(number);
        }
    }

    Optional<QueueMessage> awaitMessage(String integrationName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<QueueMessage> waiting = queue(integrationName);
            if (!waiting.isEmpty()) {
                return Optional.of(waiting.get(0));
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Caller holds the registry monitor. */
    Registry.IntegrationState state(String integrationName) {
        Registry.IntegrationState state = registry.integrations.get(integrationName);
        if (state == null) {
            throw new IllegalArgumentException("integration: no such integration: " + integrationName);
        }
        return state;
    }
}
