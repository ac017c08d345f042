package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsCommand;
import io.jakamoconnector.domain.port.in.PickUpErpDocumentsResult;
import io.jakamoconnector.domain.port.in.ReceiveInboundMessagesCommand;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.PickUpErpDocumentsService;
import io.jakamoconnector.domain.service.ReceiveInboundMessagesService;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.InMemoryInboundQueue;
import io.jakamoconnector.domain.testing.InMemoryQueueLeases;
import io.jakamoconnector.domain.testing.InMemorySyncState;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain's use cases over the real folders, with the domain's fakes for everything else. */
class ErpFolderUseCasesIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");

    @TempDir
    Path base;
    private final MutableClock clock = MutableClock.at("2026-11-29T10:00:00Z");
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemorySyncState state = new InMemorySyncState(audit);
    private ErpFolders folders;
    private ErpFolderTrees trees;

    @BeforeEach
    void folders() {
        trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(base.resolve("orders"))), clock);
        trees.start();
        folders = trees.folders(ORDERS);
    }

    @Test
    void responses_and_an_attachment_from_jakamo_reach_from_jakamo_once_each_with_the_attachments_extension() {
        InMemoryInboundQueue queue = new InMemoryInboundQueue();
        queue.enqueue(ORDERS, Documents.orderResponse("PO-9", "S-1"));
        queue.enqueue(ORDERS, Documents.orderResponse("PO-9", "S-2"));
        queue.offerAttachment("https://jakamo.test/api/attachment/9", new byte[] {'%', 'P', 'D', 'F'});
        queue.enqueue(ORDERS, Documents.attachmentMessage("https://jakamo.test/api/attachment/9", "drawing.pdf",
                "PO-9"));
        QueueLease lease = new InMemoryQueueLeases().tryAcquire(ORDERS, "node-1").orElseThrow();
        ReceiveInboundMessagesService service = new ReceiveInboundMessagesService(queue, state,
                new FileSystemErpInboxAdapter(trees), new DocumentReader(), new AuditWriter(audit, clock, "node-1"),
                clock);

        service.receive(new ReceiveInboundMessagesCommand(ORDERS, lease, 100));

        assertThat(Drops.names(folders.fromJakamoDir())).hasSize(3)
                .filteredOn(n -> n.startsWith("OrderResponse-PO-9-") && n.endsWith(".xml")).hasSize(2);
        assertThat(Drops.names(folders.fromJakamoDir())).filteredOn(n -> n.startsWith("Attachment-PO-9-drawing-"))
                .singleElement().satisfies(n -> {
                    assertThat(n).endsWith(".pdf");
                    assertThat(Drops.read(folders.fromJakamoDir().resolve(n))).containsExactly('%', 'P', 'D', 'F');
                });
    }

    @Test
    void the_core_refuses_an_unreadable_file_into_failed_with_its_advice_and_keeps_the_good_one_until_sent() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"),
                Documents.order("PO-1").getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-29T09:00:00Z"));
        Drops.withMarker(folders.toJakamoDir().resolve("broken.xml"),
                "<Order><cbc:ID>".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-29T09:00:01Z"));
        Drops.withMarker(folders.attachmentsDir().resolve("drawing.pdf"), new byte[] {1},
                Instant.parse("2026-11-29T09:00:02Z"));
        PickUpErpDocumentsService service = new PickUpErpDocumentsService(
                new FileSystemErpOutboxAdapter(trees, ErpOutboxSettings.defaults(), clock), state,
                new DocumentReader(), new AuditWriter(audit, clock, "node-1"), clock);

        PickUpErpDocumentsResult result = service.pickUp(new PickUpErpDocumentsCommand(ORDERS,
                IntegrationKind.PURCHASE_ORDERS, 100));

        assertThat(result.recorded()).isEqualTo(1);
        assertThat(result.refused()).isEqualTo(2);
        assertThat(Drops.names(folders.toJakamoDir())).containsExactly("attachments", "po-1.xml", "po-1.xml.done");
        assertThat(Drops.names(folders.failedDir())).containsExactly("broken.xml", "broken.xml.done",
                "broken.xml.error.txt", "drawing.pdf", "drawing.pdf.done", "drawing.pdf.error.txt");
        assertThat(Drops.text(folders.failedDir().resolve("broken.xml.error.txt")))
                .contains("not well-formed", "export the document again");
        assertThat(Drops.text(folders.failedDir().resolve("drawing.pdf.error.txt")))
                .contains("This file was NOT sent to Jakamo", "does not say which order",
                        "rename it to <order>_drawing.pdf", "put a file drawing.pdf.order next to it")
                .doesNotContain("export the document again", "DOCTYPE");
        assertThat(service.pickUp(new PickUpErpDocumentsCommand(ORDERS, IntegrationKind.PURCHASE_ORDERS, 100))
                .alreadyKnown()).as("offered again until sent, recognised by the core").isEqualTo(1);
    }
}
