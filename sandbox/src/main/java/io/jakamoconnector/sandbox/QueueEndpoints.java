package io.jakamoconnector.sandbox;

import java.time.Clock;

/**
 * Reading and acknowledging an integration's queue over HTTP: the head is delivered again until acknowledged, with
 * its acknowledgement URI (and, for sales orders, its confirm URI) under the callback base; every acknowledgement is
 * journaled, a repeated one too.
 */
final class QueueEndpoints {
    static final String EMPTY_QUEUE_BODY = "<status>No more messages available.</status>";

    private final Registry registry;
    private final Journal journal;
    private final ApiVariants variants;
    private final Clock clock;

    QueueEndpoints(Registry registry, Journal journal, ApiVariants variants, Clock clock) {
        this.registry = registry;
        this.journal = journal;
        this.variants = variants;
        this.clock = clock;
    }

    Reply readQueue(Call call, Registry.IntegrationState integration, boolean claims) {
        Registry.StoredMessage head;
        synchronized (registry) {
            head = integration.queue.peekFirst();
            if (head != null) {
                head.deliveries++;
            }
        }
        if (head == null) {
            call.detail = "queue empty";
            return switch (variants.emptyQueueAnswer()) {
                case STATUS_BODY_200 -> Reply.xml(200, EMPTY_QUEUE_BODY);
                case NO_CONTENT_204 -> Reply.empty(204);
                case NOT_FOUND_404 -> Reply.xml(404, EMPTY_QUEUE_BODY);
            };
        }
        call.messageId = head.id;
        call.detail = "delivered " + head.rootElement;
        String base = variants.callbackBase();
        String ackId = variants.ackUris() == AckUris.NEW_PER_READ ? head.id + "~" + head.deliveries : head.id;
        Reply reply = Reply.xml(200, head.body)
                .withHeader("X-Acknowledge-Uri", base + (claims ? "/api/claim/response/" : "/api/order/response/") + ackId);
        if (head.documentNumber != null) {
            reply = reply.withHeader(claims ? "Jakamo-Claim-Number" : "Jakamo-Order-Number", head.documentNumber);
        }
        if (head.salesOrder && head.documentNumber != null) {
            reply = reply.withHeader("Jakamo-Confirm-Url",
                    base + "/api/order/" + Call.percentEncodeSegment(head.documentNumber) + "/confirm");
        }
        return reply;
    }

    Reply ack(Call call, Registry.IntegrationState integration, String ackId) {
        int tilde = ackId.indexOf('~');
        String messageId = tilde < 0 ? ackId : ackId.substring(0, tilde);
        call.messageId = messageId;
        synchronized (registry) {
            Registry.StoredMessage waiting = integration.queue.stream().filter(m -> m.id.equals(messageId)).findFirst().orElse(null);
            if (waiting != null && variants.ackUris() == AckUris.NEW_PER_READ
                    && !ackId.equals(messageId + "~" + waiting.deliveries)) {
                call.detail = "stale acknowledgement URI";
                return Reply.errors(404, "Message " + ackId + " was not found in the queue.");
            }
            if (waiting != null) {
                integration.queue.remove(waiting);
                integration.cleared.put(messageId, waiting);
                journal.add(new AckRecord(journal.nextSequence(), clock.instant(), integration.name, messageId, waiting.rootElement,
                        waiting.documentNumber, waiting.deliveries, false));
                call.detail = "cleared";
                return Reply.info("Message cleared from the queue");
            }
            Registry.StoredMessage cleared = integration.cleared.get(messageId);
            if (cleared != null) {
                journal.add(new AckRecord(journal.nextSequence(), clock.instant(), integration.name, messageId, cleared.rootElement,
                        cleared.documentNumber, cleared.deliveries, true));
                call.detail = "already cleared";
                return variants.repeatedAck() == RepeatedAck.OK
                        ? Reply.info("Message cleared from the queue")
                        : Reply.errors(404, "Message " + messageId + " was not found in the queue.");
            }
        }
        call.detail = "unknown message";
        return Reply.errors(404, "Message " + messageId + " was not found in the queue.");
    }
}
