package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.domain.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder rules the contract cannot state: completeness, ignoring, refusing, archiving, attachment names. */
class FileSystemErpOutboxAdapterIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Duration JUST_UNDER = Duration.ofMillis(1999);
    private static final Duration ENOUGH = Duration.ofMillis(2001);

    @TempDir
    Path base;
    private final MutableClock clock = MutableClock.at("2026-11-29T10:00:00.123Z");
    private Instant modified = Instant.parse("2026-11-29T09:00:00Z");
    private ErpFolderTrees trees;
    private ErpFolders folders;
    private FileSystemErpOutboxAdapter outbox;

    @BeforeEach
    void folders() {
        trees = new ErpFolderTrees(Map.of(ORDERS, ErpFolders.under(base.resolve("orders"))), clock);
        trees.start();
        folders = trees.folders(ORDERS);
        outbox = outbox(ErpOutboxSettings.defaults());
    }

    private FileSystemErpOutboxAdapter outbox(ErpOutboxSettings settings) {
        return new FileSystemErpOutboxAdapter(trees, settings, clock);
    }

    private Instant older() {
        modified = modified.plusSeconds(1);
        return modified;
    }

    private static byte[] order(String n) {
        return Documents.order(n).getBytes(StandardCharsets.UTF_8);
    }

    private Path drop(String name) {
        return Drops.write(folders.toJakamoDir().resolve(name), order(name), older());
    }

    private List<ErpFile> pickUpAfter(Duration wait) {
        clock.advance(wait);
        return outbox.pickUp(ORDERS, 100);
    }

    // ---- completeness

    @Test
    void a_file_without_a_marker_is_offered_once_it_stayed_the_same_for_the_stable_time() {
        drop("po-1.xml");
        assertThat(outbox.pickUp(ORDERS, 100)).as("first sight").isEmpty();
        assertThat(pickUpAfter(JUST_UNDER)).isEmpty();
        assertThat(pickUpAfter(Duration.ofMillis(2))).extracting(ErpFile::fileName).containsExactly("po-1.xml");
    }

    @Test
    void a_file_that_grows_between_scans_waits_again_and_is_offered_whole() throws IOException {
        Path file = Drops.write(folders.toJakamoDir().resolve("po-1.xml"), "<Order>".getBytes(StandardCharsets.UTF_8),
                older());
        outbox.pickUp(ORDERS, 100);
        clock.advance(ENOUGH);
        Files.write(file, "</Order>".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThat(outbox.pickUp(ORDERS, 100)).as("changed since the last scan").isEmpty();
        assertThat(pickUpAfter(ENOUGH)).singleElement()
                .satisfies(f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("<Order></Order>"));
    }

    @Test
    void a_done_marker_makes_a_file_complete_at_once_and_moves_with_it() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        List<ErpFile> files = outbox.pickUp(ORDERS, 100);
        assertThat(files).extracting(ErpFile::fileName).containsExactly("po-1.xml");
        outbox.archive(ORDERS, files.get(0).ref(), new ArchiveVerdict.Processed());
        assertThat(Drops.names(folders.toJakamoDir())).containsExactly("attachments");
        assertThat(Drops.names(folders.processedDir())).containsExactly("po-1.xml", "po-1.xml.done");
    }

    /**
     * Issue 14: a local refusal corrected in place in failed/ is read from there on a retry, and once sent the
     * corrected file (found by its new bytes) leaves failed/ for processed/ with its report.
     */
    @Test
    void a_file_corrected_in_place_in_failed_is_offered_for_a_retry_and_moves_to_processed_once_sent()
            throws IOException {
        Drops.withMarker(folders.toJakamoDir().resolve("po-2.xml"), "<Order><cbc:ID>cut".getBytes(
                StandardCharsets.UTF_8), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        outbox.archiveIfUnchanged(ORDERS, file.ref(), Sha256.of(file.bytes()), new ArchiveVerdict.Failed(
                "not well-formed", "correct it"));
        Drops.write(folders.failedDir().resolve("po-2.xml.before"), order("PO-1"), older());
        assertThat(outbox.inFailed(ORDERS, file.ref())).extracting(ErpFile::fileName).as("not its report, nor "
                + "a file of another stem").containsExactly("po-2.xml");

        Files.write(folders.failedDir().resolve("po-2.xml"), order("PO-2"));

        assertThat(outbox.inFailed(ORDERS, file.ref())).singleElement()
                .satisfies(f -> assertThat(f.bytes()).isEqualTo(order("PO-2")));
        outbox.archiveIfUnchanged(ORDERS, file.ref(), Sha256.of(order("PO-2")), new ArchiveVerdict.Processed());
        assertThat(Drops.names(folders.failedDir())).containsExactly("po-2.xml.before");
        assertThat(Drops.names(folders.processedDir())).contains("po-2.xml");
        assertThat(outbox.inFailed(ORDERS, file.ref())).isEmpty();
    }

    /** Whoever may write in failed/ cannot have a retry read another file through a link named as the document. */
    @Test
    void a_link_in_failed_named_as_the_document_is_not_read_for_a_retry() throws IOException {
        Path secret = Drops.write(base.resolve("elsewhere.xml"), order("PO-9"), older());
        Files.createSymbolicLink(folders.failedDir().resolve("po-3.xml"), secret);

        assertThat(outbox.inFailed(ORDERS, new ErpDocumentRef("po-3.xml"))).isEmpty();
    }

    /** An operator resolved it as sent, or its retry was sent: the file and its report leave failed/. */
    @Test
    void a_file_in_failed_that_was_sent_after_a_correction_moves_to_processed_and_its_report_goes() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        Sha256 read = Sha256.of(order("PO-1"));
        outbox.archiveIfUnchanged(ORDERS, file.ref(), read, new ArchiveVerdict.Failed(
                ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT, "answer lost", "check Jakamo"));
        assertThat(Drops.names(folders.failedDir())).contains("po-1.xml", "po-1.xml.error.txt");

        assertThat(outbox.archiveIfUnchanged(ORDERS, file.ref(), read, new ArchiveVerdict.Processed())).isTrue();

        assertThat(Drops.names(folders.failedDir())).isEmpty();
        assertThat(Drops.names(folders.processedDir())).containsExactly("po-1.xml", "po-1.xml.done");
        assertThat(Drops.read(folders.processedDir().resolve("po-1.xml"))).isEqualTo(order("PO-1"));
    }

    /** An operator discarded it: no longer work in failed/, kept with a report that says so in failed/discarded/. */
    @Test
    void a_file_in_failed_that_an_operator_discarded_moves_with_a_new_report_into_failed_discarded() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        Sha256 read = Sha256.of(order("PO-1"));
        outbox.archiveIfUnchanged(ORDERS, file.ref(), read, new ArchiveVerdict.Failed(
                ArchiveVerdict.Delivery.MAY_HAVE_BEEN_SENT, "answer lost", "check Jakamo"));

        assertThat(outbox.archiveIfUnchanged(ORDERS, file.ref(), read, new ArchiveVerdict.Discarded(
                "an operator discarded this document", "nothing"))).isTrue();

        Path discarded = folders.failedDir().resolve("discarded");
        assertThat(Drops.names(folders.failedDir())).containsExactly("discarded");
        assertThat(Drops.names(discarded)).containsExactly("po-1.xml", "po-1.xml.done", "po-1.xml.error.txt");
        assertThat(Drops.read(discarded.resolve("po-1.xml"))).as("the ERP's data is kept").isEqualTo(order("PO-1"));
        assertThat(Drops.text(discarded.resolve("po-1.xml.error.txt"))).startsWith("This file was DISCARDED")
                .contains("an operator discarded this document").contains("failed/discarded/po-1.xml")
                .doesNotContain("answer lost");
        assertThat(Drops.names(folders.processedDir())).isEmpty();
    }

    @Test
    void a_file_discarded_before_it_was_archived_goes_from_the_drop_folder_straight_to_failed_discarded() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-3.xml"), order("PO-3"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);

        outbox.archiveIfUnchanged(ORDERS, file.ref(), Sha256.of(order("PO-3")), new ArchiveVerdict.Discarded(
                "an operator discarded this document", "nothing"));

        assertThat(Drops.names(folders.toJakamoDir())).containsExactly("attachments");
        assertThat(Drops.names(folders.failedDir().resolve("discarded")))
                .containsExactly("po-3.xml", "po-3.xml.done", "po-3.xml.error.txt");
    }

    /** A retry that failed again: the file stays in failed/ and its report tells the new outcome. */
    @Test
    void a_file_in_failed_that_failed_again_after_a_retry_gets_the_new_report_and_a_different_one_is_left_alone() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-2.xml"), order("PO-2"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        Sha256 read = Sha256.of(order("PO-2"));
        outbox.archiveIfUnchanged(ORDERS, file.ref(), read, new ArchiveVerdict.Failed(
                ArchiveVerdict.Delivery.NOT_DELIVERED, "every attempt failed", "run doctor"));

        outbox.archiveIfUnchanged(ORDERS, file.ref(), read, new ArchiveVerdict.Failed(
                ArchiveVerdict.Delivery.REFUSED_BY_JAKAMO, "HTTP 422: unknown seller", "map the seller"));
        assertThat(new String(Drops.read(folders.failedDir().resolve("po-2.xml.error.txt")),
                StandardCharsets.UTF_8)).contains("REFUSED").contains("unknown seller")
                .doesNotContain("every attempt failed");

        // other bytes under that name (the ERP's corrected copy, say) are not this document's file: left alone
        outbox.archiveIfUnchanged(ORDERS, file.ref(), Sha256.of(order("PO-3")), new ArchiveVerdict.Processed());
        assertThat(Drops.names(folders.failedDir())).contains("po-2.xml", "po-2.xml.error.txt");
        assertThat(Drops.names(folders.processedDir())).isEmpty();
    }

    @Test
    void a_file_renamed_in_from_a_temp_name_is_offered_whole_and_the_temp_name_never() {
        Path temp = Drops.write(folders.toJakamoDir().resolve(".po-9.xml.tmp"), order("PO-9"), older());
        assertThat(outbox.pickUp(ORDERS, 100)).isEmpty();
        assertThat(pickUpAfter(ENOUGH)).isEmpty();
        Drops.renameIn(folders.toJakamoDir().resolve("po-9.xml"), Drops.read(temp), older());
        outbox.pickUp(ORDERS, 100);
        assertThat(pickUpAfter(ENOUGH)).singleElement()
                .satisfies(f -> assertThat(f.bytes()).isEqualTo(order("PO-9")));
    }

    @Test
    void empty_hidden_and_editor_files_are_ignored_and_left_alone() throws IOException {
        Path to = folders.toJakamoDir();
        Path att = folders.attachmentsDir();
        Files.createFile(to.resolve("empty.xml"));
        for (String name : List.of("po.xml~", ".po.xml.swp", "po.xml.swp", "#po.xml#", "po.xml.part", "po.xml.tmp",
                ".hidden.xml", "notes.txt", "po.xml.done")) {
            Drops.write(to.resolve(name), order("X"), older());
        }
        Files.createFile(att.resolve("PO1_empty.pdf"));
        for (String name : List.of("PO1_x.pdf.crdownload", "~$PO1_report.docx", "Thumbs.db", ".DS_Store",
                "PO1_x.pdf~", "PO1_x.pdf.order")) {
            Drops.write(att.resolve(name), new byte[] {1, 2, 3}, older());
        }
        Files.createDirectory(to.resolve("subfolder.xml"));
        outbox.pickUp(ORDERS, 100);
        assertThat(pickUpAfter(Duration.ofMinutes(10))).isEmpty();
        assertThat(Drops.names(folders.failedDir())).isEmpty();
        assertThat(Drops.names(to)).hasSize(12);
        assertThat(Drops.names(att)).hasSize(7);
    }

    @Test
    void an_empty_file_marked_done_goes_to_failed_with_its_reason() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), new byte[0], older());
        assertThat(outbox.pickUp(ORDERS, 100)).isEmpty();
        assertThat(Drops.names(folders.failedDir())).containsExactly("po-1.xml", "po-1.xml.done",
                "po-1.xml.error.txt");
        assertThat(Drops.text(folders.failedDir().resolve("po-1.xml.error.txt"))).contains("is empty");
    }

    @Test
    void a_file_over_the_size_limit_goes_to_failed_with_an_error_file_and_is_never_offered() {
        outbox = outbox(ErpOutboxSettings.defaults().withMaxBytes(1000, 2000));
        Drops.withMarker(folders.toJakamoDir().resolve("big.xml"), new byte[1001], older());
        Drops.withMarker(folders.toJakamoDir().resolve("fits.xml"), new byte[1000], older());
        Drops.withMarker(folders.attachmentsDir().resolve("PO1_big.pdf"), new byte[2001], older());
        Drops.withMarker(folders.attachmentsDir().resolve("PO1_fits.pdf"), new byte[2000], older());

        assertThat(outbox.pickUp(ORDERS, 100)).extracting(ErpFile::fileName)
                .containsExactly("fits.xml", "PO1_fits.pdf");
        assertThat(Drops.names(folders.failedDir())).containsExactly("PO1_big.pdf", "PO1_big.pdf.done",
                "PO1_big.pdf.error.txt", "big.xml", "big.xml.done", "big.xml.error.txt");
        assertThat(Drops.text(folders.failedDir().resolve("big.xml.error.txt")))
                .contains("1001 bytes, over the connector's limit of 1000 bytes for documents", "What to do:",
                        "to_jakamo/big.xml");
        assertThat(Drops.text(folders.failedDir().resolve("PO1_big.pdf.error.txt")))
                .contains("limit of 2000 bytes for attachments", "to_jakamo/attachments/PO1_big.pdf",
                        "send a smaller file (compress it, or split it into several attachments)")
                .doesNotContain("export the document again");
    }

    @Test
    void a_symbolic_link_is_not_followed_but_refused() throws IOException {
        Path secret = Files.writeString(base.resolve("secret.xml"), "<secret/>");
        Files.createSymbolicLink(folders.toJakamoDir().resolve("link.xml"), secret);
        outbox.pickUp(ORDERS, 100);
        assertThat(pickUpAfter(ENOUGH)).isEmpty();
        assertThat(Drops.names(folders.failedDir())).containsExactly("link.xml", "link.xml.error.txt");
        assertThat(Files.isSymbolicLink(folders.failedDir().resolve("link.xml"))).isTrue();
        assertThat(Drops.text(folders.failedDir().resolve("link.xml.error.txt"))).contains("symbolic link");
        assertThat(Files.readString(secret)).isEqualTo("<secret/>");
    }

    @Test
    void a_file_name_with_control_characters_is_refused_not_stuck() {
        Drops.withMarker(folders.toJakamoDir().resolve("po\n1.xml"), order("PO-1"), older());
        assertThat(outbox.pickUp(ORDERS, 100)).isEmpty();
        assertThat(Drops.names(folders.failedDir())).containsExactly("po\n1.xml", "po\n1.xml.done",
                "po\n1.xml.error.txt");
        assertThat(Drops.text(folders.failedDir().resolve("po\n1.xml.error.txt")))
                .contains("control characters", "to_jakamo/po?1.xml");
    }

    // ---- order and limits

    @Test
    void oldest_first_by_modification_time_across_documents_and_attachments_then_by_name() {
        Instant t = Instant.parse("2026-11-29T08:00:00Z");
        Drops.withMarker(folders.toJakamoDir().resolve("a.xml"), order("A"), t.plusSeconds(30));
        Drops.withMarker(folders.attachmentsDir().resolve("B_drawing.pdf"), new byte[] {1}, t.plusSeconds(20));
        Drops.withMarker(folders.toJakamoDir().resolve("c.xml"), order("C"), t.plusSeconds(10));
        Drops.withMarker(folders.toJakamoDir().resolve("b.xml"), order("B"), t.plusSeconds(10));
        assertThat(outbox.pickUp(ORDERS, 100)).extracting(f -> f.ref().value())
                .containsExactly("b.xml", "c.xml", "attachments/B_drawing.pdf", "a.xml");
        assertThat(outbox.pickUp(ORDERS, 2)).extracting(f -> f.ref().value()).containsExactly("b.xml", "c.xml");
    }

    @Test
    void a_missing_drop_folder_is_reported_and_a_missing_attachments_folder_does_not_stop_documents()
            throws IOException {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        Files.delete(folders.attachmentsDir());
        assertThat(outbox.pickUp(ORDERS, 100)).hasSize(1);

        Path moved = base.resolve("elsewhere");
        Files.move(folders.toJakamoDir(), moved);
        assertThatThrownBy(() -> outbox.pickUp(ORDERS, 100)).isInstanceOf(ErpAccessException.class)
                .hasMessageContaining(folders.toJakamoDir().toString());
    }

    // ---- attachments

    @Test
    void an_attachment_names_its_order_before_the_first_underscore_as_in_jakamos_connector() {
        Drops.withMarker(folders.attachmentsDir().resolve("PO1001_drawing_v2.pdf"), new byte[] {7}, older());
        assertThat(outbox.pickUp(ORDERS, 100)).singleElement().satisfies(f -> {
            assertThat(f.attachmentFor()).contains(new BusinessKey("PO1001"));
            assertThat(f.fileName()).isEqualTo("PO1001_drawing_v2.pdf");
            assertThat(f.ref().value()).isEqualTo("attachments/PO1001_drawing_v2.pdf");
        });
    }

    @Test
    void with_double_underscores_an_order_number_may_contain_underscores() {
        outbox = outbox(ErpOutboxSettings.defaults().withAttachmentNaming(AttachmentNaming.DOUBLE_UNDERSCORE));
        Drops.withMarker(folders.attachmentsDir().resolve("PO_1001__drawing_v2.pdf"), new byte[] {7}, older());
        assertThat(outbox.pickUp(ORDERS, 100)).singleElement()
                .satisfies(f -> assertThat(f.attachmentFor()).contains(new BusinessKey("PO_1001")));
    }

    @Test
    void a_sidecar_file_names_the_order_whatever_the_name_and_moves_along_when_archived() throws IOException {
        Path file = folders.attachmentsDir().resolve("drawing_v2.pdf");
        Files.writeString(file.resolveSibling("drawing_v2.pdf.order"), "PO_1001_B\n");
        Drops.withMarker(file, new byte[] {7}, older());
        List<ErpFile> files = outbox.pickUp(ORDERS, 100);
        assertThat(files).singleElement().satisfies(f -> assertThat(f.attachmentFor())
                .contains(new BusinessKey("PO_1001_B")));
        outbox.archive(ORDERS, files.get(0).ref(), new ArchiveVerdict.Processed());
        assertThat(Drops.names(folders.attachmentsDir())).isEmpty();
        assertThat(Drops.names(folders.processedDir())).containsExactly("drawing_v2.pdf", "drawing_v2.pdf.done",
                "drawing_v2.pdf.order");
    }

    @Test
    void an_attachment_naming_no_order_is_offered_without_one_so_the_core_can_refuse_it_with_its_reason() {
        Drops.withMarker(folders.attachmentsDir().resolve("drawing.pdf"), new byte[] {7}, older());
        assertThat(outbox.pickUp(ORDERS, 100)).singleElement().satisfies(f -> {
            assertThat(f.attachment()).isTrue();
            assertThat(f.attachmentFor()).isEmpty();
            assertThat(f.noOrderAdvice()).isEqualTo("rename it to <order>_drawing.pdf (for example "
                    + "PO-1001_drawing.pdf), or put a file drawing.pdf.order next to it that holds the order number on "
                    + "its first line (write the .order file before the attachment); then drop it into "
                    + "to_jakamo/attachments/ again");
        });
    }

    @Test
    void an_attachment_whose_order_file_holds_no_order_number_is_told_so_by_the_naming_in_use() throws IOException {
        outbox = outbox(ErpOutboxSettings.defaults().withAttachmentNaming(AttachmentNaming.DOUBLE_UNDERSCORE));
        Path file = folders.attachmentsDir().resolve("drawing.pdf");
        Files.writeString(file.resolveSibling("drawing.pdf.order"), "   \n");
        Drops.withMarker(file, new byte[] {7}, older());
        assertThat(outbox.pickUp(ORDERS, 100)).singleElement().satisfies(f -> {
            assertThat(f.attachmentFor()).isEmpty();
            assertThat(f.noOrderAdvice()).startsWith("the file drawing.pdf.order next to it holds no usable order "
                    + "number on its first line").contains("rename it to <order>__drawing.pdf",
                    "drop both into to_jakamo/attachments/ again, the .order file first");
        });
    }

    // ---- archiving

    @Test
    void fifty_files_of_one_name_archived_in_one_millisecond_are_fifty_files_in_processed() {
        archiveFiftyOfOneName(new ArchiveVerdict.Processed(), folders.processedDir());
        assertThat(Drops.names(folders.processedDir())).hasSize(50);
    }

    @Test
    void fifty_failed_files_of_one_name_keep_fifty_files_and_fifty_error_files() {
        archiveFiftyOfOneName(new ArchiveVerdict.Failed("refused", "fix it"), folders.failedDir());
        List<String> names = Drops.names(folders.failedDir());
        assertThat(names).hasSize(100);
        assertThat(names.stream().filter(n -> n.endsWith(".error.txt"))).hasSize(50)
                .allSatisfy(n -> assertThat(names).contains(n.substring(0, n.length() - ".error.txt".length())));
    }

    private void archiveFiftyOfOneName(ArchiveVerdict verdict, Path archive) {
        for (int i = 0; i < 50; i++) {
            Drops.write(folders.toJakamoDir().resolve("po.xml"), ("copy " + i).getBytes(StandardCharsets.UTF_8),
                    older());
            outbox.archive(ORDERS, new ErpDocumentRef("po.xml"), verdict);
        }
        Set<String> contents = new HashSet<>();
        for (String name : Drops.names(archive)) {
            if (!name.endsWith(".error.txt")) {
                assertThat(name).matches("po(\\.20261129T100000\\.123Z-\\d+)?\\.xml");
                contents.add(Drops.text(archive.resolve(name)));
            }
        }
        assertThat(contents).as("every copy survived").hasSize(50);
        assertThat(Drops.names(folders.toJakamoDir())).containsExactly("attachments");
    }

    @Test
    void the_error_file_says_what_happened_what_to_do_when_and_which_file() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        outbox.archive(ORDERS, file.ref(), new ArchiveVerdict.Failed("HTTP 404 (Not Found): Order not found",
                "send the Order first, then drop this file again"));
        assertThat(Drops.names(folders.failedDir())).containsExactly("po-1.xml", "po-1.xml.done",
                "po-1.xml.error.txt");
        assertThat(Drops.text(folders.failedDir().resolve("po-1.xml.error.txt"))).contains(
                "HTTP 404 (Not Found): Order not found", "send the Order first, then drop this file again",
                "2026-11-29T10:00:00.123Z", "to_jakamo/po-1.xml", "failed/po-1.xml", "orders",
                Sha256.of(order("PO-1")).hex());
    }

    @Test
    void archiving_again_after_a_crash_does_nothing() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        outbox.archive(ORDERS, file.ref(), new ArchiveVerdict.Processed());
        FileSystemErpOutboxAdapter restarted = outbox(ErpOutboxSettings.defaults());
        restarted.archive(ORDERS, file.ref(), new ArchiveVerdict.Processed());
        restarted.archive(ORDERS, file.ref(), new ArchiveVerdict.Failed("x", "y"));
        assertThat(Drops.names(folders.processedDir())).containsExactly("po-1.xml", "po-1.xml.done");
        assertThat(Drops.names(folders.failedDir())).isEmpty();
    }

    @Test
    void a_file_dropped_again_under_an_archived_name_is_archived_beside_it() {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        outbox.archive(ORDERS, outbox.pickUp(ORDERS, 100).get(0).ref(), new ArchiveVerdict.Processed());
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1b"), older());
        outbox.archive(ORDERS, outbox.pickUp(ORDERS, 100).get(0).ref(), new ArchiveVerdict.Processed());
        assertThat(Drops.names(folders.processedDir())).containsExactly("po-1.20261129T100000.123Z-1.xml",
                "po-1.20261129T100000.123Z-1.xml.done", "po-1.xml", "po-1.xml.done");
        assertThat(Drops.read(folders.processedDir().resolve("po-1.xml"))).isEqualTo(order("PO-1"));
        assertThat(Drops.read(folders.processedDir().resolve("po-1.20261129T100000.123Z-1.xml")))
                .isEqualTo(order("PO-1b"));
    }

    @Test
    void a_reference_outside_the_drop_folders_is_refused() {
        assertThatThrownBy(() -> outbox.archive(ORDERS, new ErpDocumentRef("../processed/x.xml"),
                new ArchiveVerdict.Processed())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> outbox.archive(ORDERS, new ErpDocumentRef("attachments/../../x"),
                new ArchiveVerdict.Processed())).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void a_missing_archive_folder_is_reported_and_the_file_stays_offered() throws IOException {
        Drops.withMarker(folders.toJakamoDir().resolve("po-1.xml"), order("PO-1"), older());
        ErpFile file = outbox.pickUp(ORDERS, 100).get(0);
        Files.delete(folders.processedDir());
        assertThatThrownBy(() -> outbox.archive(ORDERS, file.ref(), new ArchiveVerdict.Processed()))
                .isInstanceOf(ErpAccessException.class).hasMessageContaining(folders.processedDir().toString());
        assertThat(outbox.pickUp(ORDERS, 100)).extracting(ErpFile::ref).containsExactly(file.ref());
    }
}
