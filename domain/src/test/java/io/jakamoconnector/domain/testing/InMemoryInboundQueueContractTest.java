package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.exchange.AckHandle;
import io.jakamoconnector.domain.model.exchange.InboundMessage;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InMemoryInboundQueueContractTest extends InboundQueuePortContract {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");
    private Function<InMemoryInboundQueue, InboundQueuePort> variant = fake -> fake;
    private InMemoryInboundQueue fake;
    private int attachments;

    InMemoryInboundQueueContractTest() {
        super(ORDERS, CLAIMS);
    }

    @Override
    protected InboundQueuePort newQueue() {
        fake = new InMemoryInboundQueue();
        return variant.apply(fake);
    }

    @Override
    protected void enqueue(IntegrationName integration, String xml) {
        fake.enqueue(integration, xml);
    }

    @Override
    protected String offerAttachment(IntegrationName integration, byte[] bytes) {
        String uri = "https://jakamo.test/api/attachment/" + (++attachments);
        fake.offerAttachment(uri, bytes);
        return uri;
    }

    @Override
    protected String missingAttachmentUri(IntegrationName integration) {
        return "https://jakamo.test/api/attachment/none";
    }

    // The contract bites: each broken queue below fails the promise it breaks.

    private static InMemoryInboundQueueContractTest against(Function<InMemoryInboundQueue, InboundQueuePort> broken) {
        InMemoryInboundQueueContractTest contract = new InMemoryInboundQueueContractTest();
        contract.variant = broken;
        contract.freshQueue();
        return contract;
    }

    @Test
    void aQueueThatForgetsItsHeadOnceReadFailsTheContract() {
        InMemoryInboundQueueContractTest contract = against(ForgetfulQueue::new);
        assertThatThrownBy(contract::theHeadComesBackWithItsBytesAndHandleUntilItIsAcknowledgedThenTheNextInOrder)
                .isInstanceOf(AssertionError.class).hasMessageContaining("redelivered");
    }

    @Test
    void aQueueWhoseEveryAcknowledgementClearsTheHeadFailsTheContract() {
        InMemoryInboundQueueContractTest contract = against(HeadClearingQueue::new);
        assertThatThrownBy(contract::acknowledgingTwiceIsHarmlessAndClearsNothingElse)
                .isInstanceOf(AssertionError.class).hasMessageContaining("still there");
    }

    @Test
    void aQueueThatMixesUpIntegrationsFailsTheContract() {
        InMemoryInboundQueueContractTest contract = against(fake -> new OneQueueForAll(fake, ORDERS));
        assertThatThrownBy(contract::theQueuesOfTwoIntegrationsAreKeptApart).isInstanceOf(AssertionError.class);
    }

    /** Hands the head out once and drops it, as a queue without redelivery would. */
    private record ForgetfulQueue(InMemoryInboundQueue fake) implements InboundQueuePort {
        @Override
        public Optional<InboundMessage> next(IntegrationName integration) {
            Optional<InboundMessage> head = fake.next(integration);
            head.ifPresent(m -> fake.acknowledge(integration, m.ackHandle()));
            return head;
        }

        @Override
        public void acknowledge(IntegrationName integration, AckHandle handle) {
            fake.acknowledge(integration, handle);
        }

        @Override
        public byte[] downloadAttachment(IntegrationName integration, String uri) {
            return fake.downloadAttachment(integration, uri);
        }
    }

    /** Clears whatever is the head when any acknowledgement arrives, so a repeated one clears the next message. */
    private record HeadClearingQueue(InMemoryInboundQueue fake) implements InboundQueuePort {
        @Override
        public Optional<InboundMessage> next(IntegrationName integration) {
            return fake.next(integration);
        }

        @Override
        public void acknowledge(IntegrationName integration, AckHandle handle) {
            fake.next(integration).ifPresent(head -> fake.acknowledge(integration, head.ackHandle()));
        }

        @Override
        public byte[] downloadAttachment(IntegrationName integration, String uri) {
            return fake.downloadAttachment(integration, uri);
        }
    }

    /** Serves every integration from one queue. */
    private record OneQueueForAll(InMemoryInboundQueue fake, IntegrationName shared) implements InboundQueuePort {
        @Override
        public Optional<InboundMessage> next(IntegrationName integration) {
            return fake.next(shared);
        }

        @Override
        public void acknowledge(IntegrationName integration, AckHandle handle) {
            fake.acknowledge(shared, handle);
        }

        @Override
        public byte[] downloadAttachment(IntegrationName integration, String uri) {
            return fake.downloadAttachment(integration, uri);
        }
    }
}
