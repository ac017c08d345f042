package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.SimulatedCrash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemErpInboxAdapterIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final DedupKey KEY = new DedupKey("3fa2c4d5e6f7" + "1".repeat(52));
    private static final String NAME = "OrderResponse-PO-1-3fa2c4d5e6f7.xml";
    private static final Document RESPONSE = new Document(DocumentType.ORDER_RESPONSE, new BusinessKey("PO-1"),
            Documents.orderResponse("PO-1", "S-1").getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path base;
    private ErpFolderTrees trees;
    private Path fromJakamo;

    @BeforeEach
    void folders() {
        trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(base.resolve("orders"))), Clock.systemUTC());
        trees.start();
        fromJakamo = trees.folders(ORDERS).fromJakamoDir();
    }

    @Test
    void a_delivery_leaves_exactly_one_file_with_the_exact_bytes_and_no_temp_file() {
        String name = new FileSystemErpInboxAdapter(trees).deliver(ORDERS, RESPONSE, KEY);
        assertThat(name).isEqualTo(NAME);
        assertThat(Drops.names(fromJakamo)).containsExactly(NAME);
        assertThat(Drops.read(fromJakamo.resolve(NAME))).isEqualTo(RESPONSE.bytes());
    }

    @Test
    void a_crash_between_write_and_rename_leaves_only_a_hidden_temp_file_which_the_next_delivery_clears() {
        FileSystemErpInboxAdapter crashing = new FileSystemErpInboxAdapter(trees, point -> {
            throw new SimulatedCrash(point);
        });
        assertThatThrownBy(() -> crashing.deliver(ORDERS, RESPONSE, KEY)).isInstanceOf(SimulatedCrash.class);

        List<String> left = Drops.names(fromJakamo);
        assertThat(left).singleElement().satisfies(n -> {
            assertThat(n).startsWith("." + NAME + ".").endsWith(".tmp");
            assertThat(DropFolderRules.ignored(n)).as("the ERP convention ignores it").isTrue();
        });
        assertThat(Drops.visibleNames(fromJakamo)).isEmpty();

        // the restarted connector receives the same message again and delivers it
        String name = new FileSystemErpInboxAdapter(trees).deliver(ORDERS, RESPONSE, KEY);
        assertThat(Drops.names(fromJakamo)).containsExactly(name);
        assertThat(Drops.read(fromJakamo.resolve(name))).isEqualTo(RESPONSE.bytes());
    }

    @Test
    void a_repeated_delivery_writes_nothing() throws IOException {
        FileSystemErpInboxAdapter inbox = new FileSystemErpInboxAdapter(trees);
        inbox.deliver(ORDERS, RESPONSE, KEY);
        Path file = fromJakamo.resolve(NAME);
        Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(inbox.deliver(ORDERS, RESPONSE, KEY)).isEqualTo(NAME);
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("the same file, not a replacement").isEqualTo(inode);
    }

    @Test
    void a_different_file_under_the_connectors_name_is_never_overwritten() throws IOException {
        Files.writeString(fromJakamo.resolve(NAME), "someone else's");
        assertThatThrownBy(() -> new FileSystemErpInboxAdapter(trees).deliver(ORDERS, RESPONSE, KEY))
                .isInstanceOf(ErpAccessException.class)
                .hasMessageContaining(NAME).hasMessageContaining("left untouched")
                .satisfies(e -> assertThat(((ErpAccessException) e).retryable()).isFalse());
        assertThat(Files.readString(fromJakamo.resolve(NAME))).isEqualTo("someone else's");
        assertThat(Drops.names(fromJakamo)).containsExactly(NAME);
    }

    @Test
    void a_missing_folder_is_reported_with_its_path_and_not_recreated() throws IOException {
        Files.delete(fromJakamo);
        assertThatThrownBy(() -> new FileSystemErpInboxAdapter(trees).deliver(ORDERS, RESPONSE, KEY))
                .isInstanceOf(ErpAccessException.class)
                .hasMessageContaining(fromJakamo.toString()).hasMessageContaining("not mounted");
        assertThat(fromJakamo).doesNotExist();
    }

    @Test
    void a_file_where_the_folder_should_be_is_reported() throws IOException {
        Files.delete(fromJakamo);
        Files.writeString(fromJakamo, "not a folder");
        assertThatThrownBy(() -> new FileSystemErpInboxAdapter(trees).deliver(ORDERS, RESPONSE, KEY))
                .isInstanceOf(ErpAccessException.class).hasMessageContaining(fromJakamo.toString());
        assertThat(Files.readString(fromJakamo)).isEqualTo("not a folder");
    }

    @Test
    void an_attachment_with_a_hostile_name_lands_inside_from_jakamo_with_its_extension() {
        Document pdf = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-1"), new byte[] {'%', 'P', 'D', 'F'});
        String name = new FileSystemErpInboxAdapter(trees).deliverAttachment(ORDERS, pdf, KEY,
                "../../../etc/cron.d/evil.pdf");
        assertThat(name).isEqualTo("Attachment-PO-1-evil-3fa2c4d5e6f7.pdf");
        assertThat(Drops.names(fromJakamo)).containsExactly(name);
        assertThat(Drops.read(fromJakamo.resolve(name))).containsExactly('%', 'P', 'D', 'F');
    }

    @Test
    void attachments_of_the_same_name_from_two_orders_both_survive() {
        FileSystemErpInboxAdapter inbox = new FileSystemErpInboxAdapter(trees);
        DedupKey other = new DedupKey("99a2c4d5e6f7" + "1".repeat(52));
        Document a = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-1"), new byte[] {1});
        Document b = new Document(DocumentType.ATTACHMENT, new BusinessKey("PO-1"), new byte[] {2});
        inbox.deliverAttachment(ORDERS, a, KEY, "drawing.pdf");
        inbox.deliverAttachment(ORDERS, b, other, "drawing.pdf");
        assertThat(Drops.names(fromJakamo)).containsExactly("Attachment-PO-1-drawing-3fa2c4d5e6f7.pdf",
                "Attachment-PO-1-drawing-99a2c4d5e6f7.pdf");
    }

    @Test
    void a_staged_document_is_hidden_survives_housekeeping_and_a_restart_and_is_published_once() throws IOException {
        FileSystemErpInboxAdapter adapter = new FileSystemErpInboxAdapter(trees);
        String name = adapter.stage(ORDERS, RESPONSE, KEY);
        assertThat(name).isEqualTo(NAME);
        assertThat(Drops.visibleNames(fromJakamo)).as("the ERP sees nothing before the commit").isEmpty();
        Path staged = fromJakamo.resolve("." + NAME + ".staged");
        assertThat(staged).exists();
        assertThat(DropFolderRules.ignored(staged.getFileName().toString())).isTrue();

        // days pass (the queue was down), the connector restarts: housekeeping clears old temps, not a staged document
        Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(30))));
        trees.start();
        assertThat(staged).exists();

        FileSystemErpInboxAdapter restarted = new FileSystemErpInboxAdapter(trees);
        restarted.publish(ORDERS, name);
        assertThat(Drops.names(fromJakamo)).containsExactly(NAME);
        assertThat(Drops.read(fromJakamo.resolve(NAME))).isEqualTo(RESPONSE.bytes());
        Files.delete(fromJakamo.resolve(NAME));   // the ERP imports it
        restarted.publish(ORDERS, name);
        assertThat(Drops.names(fromJakamo)).as("never shown twice").isEmpty();
    }

    @Test
    void a_crash_while_publishing_leaves_the_staged_copy_which_the_next_publish_shows() {
        FileSystemErpInboxAdapter crashing = new FileSystemErpInboxAdapter(trees, point -> {
            throw new SimulatedCrash(point);
        });
        String name = new FileSystemErpInboxAdapter(trees).stage(ORDERS, RESPONSE, KEY);
        assertThatThrownBy(() -> crashing.publish(ORDERS, name)).isInstanceOf(SimulatedCrash.class);
        assertThat(Drops.visibleNames(fromJakamo)).isEmpty();

        new FileSystemErpInboxAdapter(trees).publish(ORDERS, name);
        assertThat(Drops.names(fromJakamo)).containsExactly(NAME);
    }

    @Test
    void publish_refuses_a_name_outside_the_folder() {
        FileSystemErpInboxAdapter adapter = new FileSystemErpInboxAdapter(trees);
        assertThatThrownBy(() -> adapter.publish(ORDERS, "../escape.xml")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> adapter.publish(ORDERS, ".hidden.xml")).isInstanceOf(IllegalArgumentException.class);
    }
}
