package io.jakamoconnector.domain.service;

import static io.jakamoconnector.domain.service.InboundFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.attention.AttentionClassifier;
import io.jakamoconnector.domain.model.attention.AttentionKind;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesResult.StopReason;
import io.jakamoconnector.domain.testing.Documents;
import org.junit.jupiter.api.Test;

/**
 * Jakamo's callbacks as they may really be: an acknowledgement URI that changes on every read, and callbacks on a host
 * the connector does not trust (issue 15).
 */
class ReceiveWithoutStableCallbacksTest {
    private static final String UNTRUSTED = "refused to call the acknowledgement URI https://cdn.example/ack: its host "
            + "cdn.example:443 is not a trusted Jakamo host for orders; add 'cdn.example' to "
            + "integrations[orders].jakamo.trustedHosts";
    private final InboundFixture f = new InboundFixture();

    @Test
    void aMessageRedeliveredWithANewAcknowledgementUriAfterAFailedAcknowledgementIsNotDeliveredTwice() {
        f.queue.newAcknowledgementUriOnEveryRead();
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-2", "SO-2"));
        f.queue.failNextAcknowledgements(1);

        assertThat(f.drain().stoppedBecause()).isEqualTo(StopReason.FAILED);
        ReceiveInboundMessagesResult second = f.drain();

        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.delivered()).isEqualTo(1);
        assertThat(f.erp.writes()).isEqualTo(2);
        assertThat(f.queue.size(ORDERS)).isZero();
        assertThat(f.state.inbound()).extracting(InboundRecord::state)
                .containsExactly(InboundState.ACKNOWLEDGED, InboundState.ACKNOWLEDGED);
        // it was cleared by its own (second) acknowledgement, not taken for cleared by the queue moving past it
        assertThat(f.audit.events()).filteredOn(e -> e.action() == AuditAction.MESSAGE_ACKNOWLEDGED)
                .allSatisfy(e -> assertThat(e.reason()).isNull());
    }

    @Test
    void theSameRunningServiceRecognisesItToo() {
        f.queue.newAcknowledgementUriOnEveryRead();
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.failNextAcknowledgements(1);
        ReceiveInboundMessagesService running = f.service();
        var command = new io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand(ORDERS, f.lease, 10);

        running.receive(command);
        ReceiveInboundMessagesResult again = running.receive(command);

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(f.erp.writes()).isEqualTo(1);
        assertThat(f.queue.size(ORDERS)).isZero();
    }

    @Test
    void anAcknowledgementToAnUntrustedHostBlocksTheQueueAndNeedsAPerson() {
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-1", "SO-1"));
        f.queue.enqueue(ORDERS, Documents.orderResponse("PO-2", "SO-2"));
        f.queue.refuseAcknowledgementsAsUntrusted(UNTRUSTED);

        ReceiveInboundMessagesResult first = f.drain();
        ReceiveInboundMessagesResult second = f.drain();

        assertThat(first.stoppedBecause()).isEqualTo(StopReason.BLOCKED);
        assertThat(first.detail()).contains("cdn.example", "integrations[orders].jakamo.trustedHosts");
        assertThat(second.stoppedBecause()).isEqualTo(StopReason.BLOCKED);
        assertThat(f.erp.writes()).isEqualTo(1);
        assertThat(f.queue.size(ORDERS)).isEqualTo(2);
        var blocked = f.audit.events().stream().filter(e -> e.action() == AuditAction.QUEUE_BLOCKED).toList();
        assertThat(blocked).hasSize(2);
        assertThat(AttentionClassifier.classify(blocked.get(0))).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(AttentionKind.QUEUE_BLOCKED);
            assertThat(a.key()).isEqualTo(AttentionClassifier.classify(blocked.get(1)).orElseThrow().key());
            assertThat(a.detail()).contains("integrations[orders].jakamo.trustedHosts");
        });
    }

    @Test
    void anAttachmentOnAnUntrustedHostBlocksTheQueueInsteadOfBeingQuarantinedAway() {
        String uri = "https://cdn.example/files/9";
        f.queue.offerUntrustedAttachment(uri, UNTRUSTED.replace("acknowledgement", "attachment"));
        f.queue.enqueue(ORDERS, Documents.attachmentMessage(uri, "a.pdf", "PO-9"));

        ReceiveInboundMessagesResult result = f.drain();

        assertThat(result.stoppedBecause()).isEqualTo(StopReason.BLOCKED);
        assertThat(result.quarantined()).isZero();
        assertThat(f.queue.acknowledgements()).isEmpty();
        assertThat(f.queue.size(ORDERS)).isEqualTo(1);
        assertThat(f.state.inbound()).isEmpty();
    }
}
