package io.jakamoconnector.domain.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-order rule, and what it tells an operator whose retried change is held by it. */
class OrderSequenceTest {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    private static OutboundRecord doc(long id, DocumentType type, String order, OutboundState state) {
        return new OutboundRecord(id, ORDERS, new ErpDocumentRef("d" + id + ".xml"),
                Sha256.of(("d" + id).getBytes(StandardCharsets.UTF_8)), type, Optional.of(new BusinessKey(order)),
                state, 0, Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    @Test
    void aRetriedChangeIsHeldByItsFailedOrderUntilACorrectedOrderIsSent() {
        OutboundRecord order = doc(1, DocumentType.ORDER, "PO-1", OutboundState.FAILED);
        OutboundRecord change = doc(2, DocumentType.ORDER_CHANGE, "PO-1", OutboundState.PENDING);

        assertThat(OrderSequence.waitsFor(change, List.of(order, change))).contains(order);
        assertThat(OrderSequence.explain(change, order)).contains("Order 1 of order PO-1 (failed)")
                .contains("correct or retry that first").contains("messages show 1");
        assertThat(OrderSequence.waitsFor(change, List.of(order, change,
                doc(3, DocumentType.ORDER, "PO-1", OutboundState.SENT)))).as("a corrected Order was sent").isEmpty();
    }

    @Test
    void aChangeWaitsForAnOrderThatMayStillGoEvenOneDroppedLaterAndForAnEarlierChange() {
        OutboundRecord change = doc(1, DocumentType.ORDER_CHANGE, "PO-2", OutboundState.PENDING);
        OutboundRecord order = doc(2, DocumentType.ORDER, "PO-2", OutboundState.PENDING);
        OutboundRecord status = doc(3, DocumentType.STATUS_MESSAGE, "PO-2", OutboundState.PENDING);

        assertThat(OrderSequence.waitsFor(change, List.of(change, order, status))).contains(order);
        assertThat(OrderSequence.waitsFor(order, List.of(change, order, status))).isEmpty();
        assertThat(OrderSequence.waitsFor(status, List.of(change, status))).contains(change);
        assertThat(OrderSequence.waitsFor(change, List.of(change, doc(4, DocumentType.ORDER_CHANGE, "PO-3",
                OutboundState.PENDING)))).as("another order").isEmpty();
    }
}
