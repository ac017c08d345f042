package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.Optional;

/** An integration's Jakamo queue: one message at a time, the same head until it is acknowledged. */
public interface InboundQueuePort {

    /**
     * The head of the queue, or empty when the queue is empty. An adapter that reads the body anyway (to tell an
     * empty-queue answer from a message) hands over what it found with {@link InboundMessage#read}, so the core does
     * not parse it again.
     */
    Optional<InboundMessage> next(IntegrationName integration);

    /** Clears the head from the queue. Call only once the message is recorded and delivered. */
    void acknowledge(IntegrationName integration, AckHandle handle);

    /** Downloads the file an attachment message announces; the URI must be on the integration's Jakamo host. */
    byte[] downloadAttachment(IntegrationName integration, String uri);
}
