package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import java.time.Duration;
import java.util.Optional;

/** Times every read of a Jakamo queue (the poll latency), by whether it brought a message, nothing, or an error. */
public final class MeteredInboundQueue implements InboundQueuePort {
    private final InboundQueuePort queue;
    private final ServiceMetrics metrics;

    public MeteredInboundQueue(InboundQueuePort queue, ServiceMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public Optional<InboundMessage> next(IntegrationName integration) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            Optional<InboundMessage> message = queue.next(integration);
            outcome = message.isPresent() ? "message" : "empty";
            return message;
        } finally {
            metrics.queuePoll(integration, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Override
    public void acknowledge(IntegrationName integration, AckHandle handle) {
        queue.acknowledge(integration, handle);
    }

    @Override
    public byte[] downloadAttachment(IntegrationName integration, String uri) {
        return queue.downloadAttachment(integration, uri);
    }
}
