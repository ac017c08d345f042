package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ErpOutboxPort} must do; run against the in-memory fake and the real folder adapter alike.
 * Implementations give a fresh, empty outbox per test for the integrations {@link #ORDERS} and {@link #CLAIMS}.
 */
public abstract class ErpOutboxPortContract {
    protected static final IntegrationName ORDERS = new IntegrationName("orders");
    protected static final IntegrationName CLAIMS = new IntegrationName("claims");
    private ErpOutboxPort outbox;

    /** A fresh, empty outbox serving {@link #ORDERS} and {@link #CLAIMS}. */
    protected abstract ErpOutboxPort newOutbox();

    /** The ERP hands over a complete document file; each call's file is newer than the previous call's. */
    protected abstract void drop(IntegrationName integration, String fileName, byte[] bytes);

    /**
     * The ERP hands over a complete attachment meant for {@code order}, named by the implementation's convention;
     * newer than everything dropped before.
     */
    protected abstract void dropAttachment(IntegrationName integration, String order, String fileName, byte[] bytes);

    @BeforeEach
    void freshOutbox() {
        outbox = newOutbox();
    }

    private static byte[] xml(String order) {
        return Documents.order(order).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_empty_outbox_offers_nothing() {
        assertThat(outbox.pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void a_dropped_document_is_offered_with_its_exact_bytes() {
        drop(ORDERS, "po-1.xml", xml("PO-1"));
        assertThat(outbox.pickUp(ORDERS, 10)).singleElement().satisfies(f -> {
            assertThat(f.bytes()).isEqualTo(xml("PO-1"));
            assertThat(f.fileName()).isEqualTo("po-1.xml");
            assertThat(f.attachment()).isFalse();
            assertThat(f.attachmentFor()).isEmpty();
        });
    }

    @Test
    void a_file_is_offered_again_until_it_is_archived() {
        drop(ORDERS, "po-1.xml", xml("PO-1"));
        ErpDocumentRef first = outbox.pickUp(ORDERS, 10).get(0).ref();
        assertThat(outbox.pickUp(ORDERS, 10)).extracting(ErpFile::ref).containsExactly(first);
        outbox.archive(ORDERS, first, new ArchiveVerdict.Processed());
        assertThat(outbox.pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void archiving_twice_is_harmless() {
        drop(ORDERS, "po-1.xml", xml("PO-1"));
        ErpDocumentRef ref = outbox.pickUp(ORDERS, 10).get(0).ref();
        outbox.archive(ORDERS, ref, new ArchiveVerdict.Processed());
        outbox.archive(ORDERS, ref, new ArchiveVerdict.Processed());
        outbox.archive(ORDERS, ref, new ArchiveVerdict.Failed("x", "y"));
        assertThat(outbox.pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void a_failed_file_leaves_the_outbox_too() {
        drop(ORDERS, "po-1.xml", xml("PO-1"));
        drop(ORDERS, "po-2.xml", xml("PO-2"));
        ErpDocumentRef ref = outbox.pickUp(ORDERS, 10).get(0).ref();
        outbox.archive(ORDERS, ref, new ArchiveVerdict.Failed("Jakamo refused it", "correct and drop again"));
        assertThat(outbox.pickUp(ORDERS, 10)).extracting(ErpFile::fileName).containsExactly("po-2.xml");
    }

    @Test
    void oldest_first_and_at_most_max() {
        drop(ORDERS, "c.xml", xml("PO-3"));
        drop(ORDERS, "a.xml", xml("PO-1"));
        drop(ORDERS, "b.xml", xml("PO-2"));
        List<ErpFile> two = outbox.pickUp(ORDERS, 2);
        assertThat(two).extracting(ErpFile::fileName).containsExactly("c.xml", "a.xml");
        assertThat(outbox.pickUp(ORDERS, 10)).extracting(ErpFile::fileName).containsExactly("c.xml", "a.xml", "b.xml");
    }

    @Test
    void an_attachment_is_offered_with_the_order_it_belongs_to() {
        dropAttachment(ORDERS, "PO-7", "drawing.pdf", new byte[] {1, 2, 3});
        assertThat(outbox.pickUp(ORDERS, 10)).singleElement().satisfies(f -> {
            assertThat(f.attachment()).isTrue();
            assertThat(f.attachmentFor()).contains(new BusinessKey("PO-7"));
            assertThat(f.bytes()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void archiving_a_file_never_offered_is_harmless() {
        outbox.archive(ORDERS, new ErpDocumentRef("never-there.xml"), new ArchiveVerdict.Processed());
        assertThat(outbox.pickUp(ORDERS, 10)).isEmpty();
    }

    @Test
    void integrations_are_kept_apart() {
        drop(ORDERS, "po-1.xml", xml("PO-1"));
        drop(CLAIMS, "claim-1.xml", xml("C-1"));
        assertThat(outbox.pickUp(ORDERS, 10)).extracting(ErpFile::fileName).containsExactly("po-1.xml");
        assertThat(outbox.pickUp(CLAIMS, 10)).extracting(ErpFile::fileName).containsExactly("claim-1.xml");
    }

    @Test
    void a_file_rewritten_after_it_was_read_is_not_archived_and_is_offered_with_its_new_bytes() {
        drop(ORDERS, "PO-1.xml", "<Order>first</Order>".getBytes(StandardCharsets.UTF_8));
        ErpFile read = outbox.pickUp(ORDERS, 10).get(0);
        drop(ORDERS, "PO-1.xml", "<Order>second, longer</Order>".getBytes(StandardCharsets.UTF_8));

        boolean archived = outbox.archiveIfUnchanged(ORDERS, read.ref(), Sha256.of(read.bytes()),
                new ArchiveVerdict.Processed());

        assertThat(archived).isFalse();
        List<ErpFile> again = outbox.pickUp(ORDERS, 10);
        assertThat(again).singleElement().satisfies(f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("<Order>second, longer</Order>"));
        assertThat(outbox.archiveIfUnchanged(ORDERS, again.get(0).ref(), Sha256.of(again.get(0).bytes()),
                new ArchiveVerdict.Processed())).isTrue();
        assertThat(outbox.pickUp(ORDERS, 10)).isEmpty();
    }
}
