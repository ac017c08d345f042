package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.InboundQueuePort;
import io.jakamoconnector.domain.testing.InboundQueuePortContract;
import io.jakamoconnector.sandbox.EmptyQueueAnswer;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.RepeatedAck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inbound queue contract against the sandbox's Jakamo, whose repeated acknowledgements answer as documented. */
class HttpInboundQueueContractIT extends InboundQueuePortContract {
    private static Testbed bed;
    private static HttpInboundQueueAdapter queue;

    HttpInboundQueueContractIT() {
        super(Testbed.PO, Testbed.SO);
    }

    @BeforeAll
    static void start() {
        bed = new Testbed();
        queue = new HttpInboundQueueAdapter(bed.api(Testbed.fastOptions()));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Override
    protected InboundQueuePort newQueue() {
        bed.sandbox.faults().clear();
        bed.sandbox.jakamo().emptyQueueAnswer(EmptyQueueAnswer.STATUS_BODY_200).repeatedAck(RepeatedAck.OK)
                .clearQueue(Testbed.PO.value()).clearQueue(Testbed.SO.value());
        return queue;
    }

    @Override
    protected void enqueue(IntegrationName integration, String xml) {
        bed.sandbox.jakamo().enqueue(integration.value(), xml);
    }

    @Override
    protected String offerAttachment(IntegrationName integration, byte[] bytes) {
        // the announcing message stays queued: only the URI it carries matters here
        QueueMessage message = bed.sandbox.jakamo().enqueueAttachment(integration.value(), "PO-CA", "file.pdf", bytes);
        return bed.reader.read(message.body()).rootAttributes().get("Jakamo-Attachment-URI");
    }

    @Override
    protected String missingAttachmentUri(IntegrationName integration) {
        return bed.sandbox.apiBaseUri() + "/api/attachment/none";
    }
}
