package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ErpInboxPort} must do; run against the in-memory fake and the real folder adapter alike.
 * Implementations give a fresh, empty inbox per test for the integrations {@link #ORDERS} and {@link #CLAIMS}.
 */
public abstract class ErpInboxPortContract {
    protected static final IntegrationName ORDERS = new IntegrationName("orders");
    protected static final IntegrationName CLAIMS = new IntegrationName("claims");
    private ErpInboxPort inbox;

    /** A fresh, empty inbox serving {@link #ORDERS} and {@link #CLAIMS}. */
    protected abstract ErpInboxPort newInbox();

    /** The bytes the ERP sees under a name {@code deliver} returned, or empty when there is no such document. */
    protected abstract Optional<byte[]> delivered(IntegrationName integration, String name);

    /** How many documents the ERP sees for the integration. */
    protected abstract int deliveredCount(IntegrationName integration);

    /** The ERP takes the document it sees under {@code name} away, as ERPs do once they imported it. */
    protected abstract void takeAway(IntegrationName integration, String name);

    @BeforeEach
    void freshInbox() {
        inbox = newInbox();
    }

    protected static DedupKey key(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) (n >>> 8);
        b[1] = (byte) n;
        b[31] = (byte) 0x5a;
        return new DedupKey(HexFormat.of().formatHex(b));
    }

    protected static Document orderResponse(String order, String supplierNumber) {
        return new Document(DocumentType.ORDER_RESPONSE, new BusinessKey(order),
                Documents.orderResponse(order, supplierNumber).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_erp_sees_exactly_the_bytes_under_the_name_returned() {
        Document response = orderResponse("PO-1", "S-1");
        String name = inbox.deliver(ORDERS, response, key(1));
        assertThat(delivered(ORDERS, name)).hasValueSatisfying(b -> assertThat(b).isEqualTo(response.bytes()));
        assertThat(deliveredCount(ORDERS)).isEqualTo(1);
    }

    @Test
    void delivering_the_same_message_again_leaves_one_copy_under_the_same_name() {
        Document response = orderResponse("PO-1", "S-1");
        String first = inbox.deliver(ORDERS, response, key(1));
        String again = inbox.deliver(ORDERS, response, key(1));
        assertThat(again).isEqualTo(first);
        assertThat(deliveredCount(ORDERS)).isEqualTo(1);
        assertThat(delivered(ORDERS, first)).hasValueSatisfying(b -> assertThat(b).isEqualTo(response.bytes()));
    }

    @Test
    void two_responses_to_the_same_order_both_survive() {
        Document first = orderResponse("PO-1", "S-1");
        Document second = orderResponse("PO-1", "S-2");
        String a = inbox.deliver(ORDERS, first, key(1));
        String b = inbox.deliver(ORDERS, second, key(2));
        assertThat(a).isNotEqualTo(b);
        assertThat(delivered(ORDERS, a)).hasValueSatisfying(x -> assertThat(x).isEqualTo(first.bytes()));
        assertThat(delivered(ORDERS, b)).hasValueSatisfying(x -> assertThat(x).isEqualTo(second.bytes()));
    }

    @Test
    void a_document_without_a_business_key_is_delivered_too() {
        Document status = new Document(DocumentType.STATUS_MESSAGE, null,
                "<StatusMessage><Status>x</Status></StatusMessage>".getBytes(StandardCharsets.UTF_8));
        String name = inbox.deliver(ORDERS, status, key(3));
        assertThat(delivered(ORDERS, name)).hasValueSatisfying(b -> assertThat(b).isEqualTo(status.bytes()));
    }

    @Test
    void an_attachment_keeps_its_extension_and_two_of_the_same_name_both_survive() {
        Document one = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-1"), new byte[] {1, 2, 3});
        Document two = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-2"), new byte[] {4, 5, 6});
        String a = inbox.deliverAttachment(ORDERS, one, key(4), "drawing.pdf");
        String b = inbox.deliverAttachment(ORDERS, two, key(5), "drawing.pdf");
        assertThat(a).endsWith(".pdf").isNotEqualTo(b);
        assertThat(b).endsWith(".pdf");
        assertThat(delivered(ORDERS, a)).hasValueSatisfying(x -> assertThat(x).containsExactly(1, 2, 3));
        assertThat(delivered(ORDERS, b)).hasValueSatisfying(x -> assertThat(x).containsExactly(4, 5, 6));
        assertThat(inbox.deliverAttachment(ORDERS, one, key(4), "drawing.pdf")).isEqualTo(a);
        assertThat(deliveredCount(ORDERS)).isEqualTo(2);
    }

    @Test
    void integrations_are_kept_apart() {
        Document response = orderResponse("PO-1", "S-1");
        inbox.deliver(ORDERS, response, key(1));
        String claims = inbox.deliver(CLAIMS, response, key(1));
        assertThat(deliveredCount(ORDERS)).isEqualTo(1);
        assertThat(deliveredCount(CLAIMS)).isEqualTo(1);
        assertThat(delivered(CLAIMS, claims)).isPresent();
    }

    @Test
    void a_staged_document_is_seen_only_once_published_and_then_exactly_once() {
        Document response = orderResponse("PO-1", "S-1");
        String name = inbox.stage(ORDERS, response, key(1));
        assertThat(delivered(ORDERS, name)).as("not visible before publish").isEmpty();
        inbox.publish(ORDERS, name);
        assertThat(delivered(ORDERS, name)).hasValueSatisfying(b -> assertThat(b).isEqualTo(response.bytes()));
        inbox.publish(ORDERS, name);
        assertThat(deliveredCount(ORDERS)).as("publishing again shows nothing new, leaves nothing aside").isEqualTo(1);
    }

    @Test
    void staging_the_same_message_again_before_publish_leaves_one_document() {
        Document response = orderResponse("PO-1", "S-1");
        String first = inbox.stage(ORDERS, response, key(1));
        String again = inbox.stage(ORDERS, response, key(1));
        assertThat(again).isEqualTo(first);
        inbox.publish(ORDERS, again);
        assertThat(deliveredCount(ORDERS)).isEqualTo(1);
        assertThat(delivered(ORDERS, first)).hasValueSatisfying(b -> assertThat(b).isEqualTo(response.bytes()));
    }

    @Test
    void what_the_erp_took_away_is_not_published_again() {
        Document response = orderResponse("PO-1", "S-1");
        String name = inbox.stage(ORDERS, response, key(1));
        inbox.publish(ORDERS, name);
        takeAway(ORDERS, name);
        inbox.publish(ORDERS, name);
        assertThat(delivered(ORDERS, name)).isEmpty();
        assertThat(deliveredCount(ORDERS)).isZero();
    }

    @Test
    void an_attachment_is_staged_under_the_name_it_is_published_by() {
        Document one = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-1"), new byte[] {1, 2, 3});
        String name = inbox.stageAttachment(ORDERS, one, key(4), "drawing.pdf");
        assertThat(name).endsWith(".pdf");
        assertThat(delivered(ORDERS, name)).isEmpty();
        inbox.publish(ORDERS, name);
        assertThat(delivered(ORDERS, name)).hasValueSatisfying(x -> assertThat(x).containsExactly(1, 2, 3));
    }
}
