package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InboundQueuePort} must do; run against the in-memory queue and the real Jakamo adapter alike. The
 * core's exactly-once delivery rests on it: the head comes back, with the same bytes and handle, until it is
 * acknowledged, and acknowledging again (after a lost answer) clears nothing else.
 */
public abstract class InboundQueuePortContract {
    private final IntegrationName integration;
    private final IntegrationName other;
    private InboundQueuePort queue;

    /** The two integrations the implementation serves; each test starts with both queues empty. */
    protected InboundQueuePortContract(IntegrationName integration, IntegrationName other) {
        this.integration = integration;
        this.other = other;
    }

    /** The port, with both integrations' queues empty. */
    protected abstract InboundQueuePort newQueue();

    /** Jakamo puts a message with exactly this XML at the end of the integration's queue. */
    protected abstract void enqueue(IntegrationName integration, String xml);

    /** Jakamo offers a file of these bytes; returns the URI an attachment message would announce for it. */
    protected abstract String offerAttachment(IntegrationName integration, byte[] bytes);

    /** A URI on the integration's Jakamo host where no attachment is. */
    protected abstract String missingAttachmentUri(IntegrationName integration);

    @BeforeEach
    void freshQueue() {
        queue = newQueue();
    }

    private static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyQueueIsEmptyNotAnError() {
        assertThat(queue.next(integration)).isEmpty();
    }

    @Test
    void theHeadComesBackWithItsBytesAndHandleUntilItIsAcknowledgedThenTheNextInOrder() {
        String first = Documents.statusMessage("PO-C1", "Received");
        String second = Documents.orderResponse("PO-C2", "SO-C2");
        enqueue(integration, first);
        enqueue(integration, second);

        InboundMessage head = queue.next(integration).orElseThrow();
        InboundMessage again = queue.next(integration).orElseThrow();

        assertThat(head.body()).as("the exact bytes Jakamo queued").isEqualTo(utf8(first));
        assertThat(again.body()).as("the head is redelivered until acknowledged").isEqualTo(head.body());
        assertThat(again.ackHandle()).isEqualTo(head.ackHandle());
        assertThat(again.dedupKey(integration)).as("a redelivery is recognisable").isEqualTo(head.dedupKey(integration));

        queue.acknowledge(integration, head.ackHandle());

        InboundMessage next = queue.next(integration).orElseThrow();
        assertThat(next.body()).as("acknowledging clears the head, and only it").isEqualTo(utf8(second));
        assertThat(next.ackHandle()).isNotEqualTo(head.ackHandle());
        queue.acknowledge(integration, next.ackHandle());
        assertThat(queue.next(integration)).isEmpty();
    }

    @Test
    void aReadableMessageComesWithTheReadersFactsSoTheCoreDoesNotParseItAgain() {
        String xml = Documents.orderResponse("PO-C9", "SO-C9");
        enqueue(integration, xml);

        InboundMessage head = queue.next(integration).orElseThrow();

        assertThat(head.facts()).as("the adapter's reading of the body").contains(
                new io.jakamoconnector.domain.model.document.DocumentReader().read(utf8(xml)));
        queue.acknowledge(integration, head.ackHandle());
    }

    @Test
    void acknowledgingTwiceIsHarmlessAndClearsNothingElse() {
        enqueue(integration, Documents.statusMessage("PO-C3", "Received"));
        String waiting = Documents.statusMessage("PO-C4", "Received");
        enqueue(integration, waiting);
        InboundMessage head = queue.next(integration).orElseThrow();
        queue.acknowledge(integration, head.ackHandle());

        queue.acknowledge(integration, head.ackHandle());

        assertThat(queue.next(integration)).as("the message behind the acknowledged one is still there")
                .hasValueSatisfying(m -> assertThat(m.body()).isEqualTo(utf8(waiting)));
    }

    @Test
    void theQueuesOfTwoIntegrationsAreKeptApart() {
        String mine = Documents.statusMessage("PO-C5", "Received");
        String theirs = Documents.statusMessage("PO-C6", "Received");
        enqueue(integration, mine);
        enqueue(other, theirs);

        InboundMessage otherHead = queue.next(other).orElseThrow();
        assertThat(otherHead.body()).isEqualTo(utf8(theirs));
        queue.acknowledge(other, otherHead.ackHandle());

        assertThat(queue.next(other)).isEmpty();
        assertThat(queue.next(integration)).hasValueSatisfying(m -> assertThat(m.body()).isEqualTo(utf8(mine)));
    }

    @Test
    void anAttachmentIsDownloadedWithItsExactBytes() {
        byte[] file = {'%', 'P', 'D', 'F', 0, 1, 2, (byte) 0xff, '\r', '\n'};
        String uri = offerAttachment(integration, file);

        assertThat(queue.downloadAttachment(integration, uri)).isEqualTo(file);
    }

    @Test
    void aMissingAttachmentIsAFailureThatTryingAgainDoesNotHeal() {
        JakamoExchangeException e = catchThrowableOfType(JakamoExchangeException.class,
                () -> queue.downloadAttachment(integration, missingAttachmentUri(integration)));

        assertThat(e).as("a missing attachment is a JakamoExchangeException").isNotNull();
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isNotBlank();
    }
}
