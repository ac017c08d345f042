package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.DocumentRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments end to end through {@code sync --once}: a file the ERP drops for an order reaches Jakamo byte for byte,
 * after its Order; a file a supplier attaches in Jakamo is downloaded into from_jakamo under a name that keeps its
 * extension and cannot collide.
 */
class AttachmentsIT {
    @TempDir
    static Path dir;
    private static SandboxBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = new SandboxBed(dir, "");
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static Cli.Run sync() {
        return Cli.withConfig(bed.files.configFile(), "sync", "--once");
    }

    @Test
    void anAttachmentGoesOutAfterItsOrderAndOneComesBackIn() throws Exception {
        byte[] drawing = new byte[70_000];
        for (int i = 0; i < drawing.length; i++) {
            drawing[i] = (byte) (i * 31);
        }
        Path attachments = Files.createDirectories(bed.folder("to_jakamo").resolve("attachments"));
        Files.write(attachments.resolve(".PO-8001_drawing.pdf.part"), drawing);
        Files.move(attachments.resolve(".PO-8001_drawing.pdf.part"), attachments.resolve("PO-8001_drawing.pdf"));
        Files.writeString(attachments.resolve("PO-8001_drawing.pdf.done"), "");
        bed.dropOrder("PO-8001");
        Files.writeString(bed.folder("to_jakamo").resolve("po-PO-8001.xml.done"), "");

        Cli.Run first = sync();
        assertThat(first.code()).as(first.out() + first.err()).isZero();

        List<DocumentRecord> accepted = bed.journal().documents(SandboxBed.ORDERS);
        DocumentRecord order = accepted.stream().filter(d -> d.kind() == DocumentRecord.Kind.DOCUMENT).findFirst()
                .orElseThrow();
        DocumentRecord attachment = accepted.stream().filter(d -> d.kind() == DocumentRecord.Kind.ATTACHMENT)
                .findFirst().orElseThrow(() -> new AssertionError("no attachment reached Jakamo: " + first.out()));
        assertThat(attachment.documentNumber()).isEqualTo("PO-8001");
        assertThat(attachment.fileName()).isEqualTo("PO-8001_drawing.pdf");
        assertThat(attachment.content()).isEqualTo(drawing);
        assertThat(attachment.sequence()).as("the attachment after its Order").isGreaterThan(order.sequence());
        assertThat(bed.files("processed")).extracting(p -> p.getFileName().toString())
                .contains("PO-8001_drawing.pdf", "po-PO-8001.xml");

        byte[] photo = "not really a jpeg, but bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bed.sandbox.jakamo().enqueueAttachment(SandboxBed.ORDERS, "PO-8001", "../../photo.jpg", photo);
        Cli.Run second = sync();
        assertThat(second.code()).as(second.out() + second.err()).isZero();

        List<Path> inbound = bed.files("from_jakamo").stream()
                .filter(p -> p.getFileName().toString().startsWith("Attachment-")).toList();
        assertThat(inbound).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).contains("PO-8001").endsWith(".jpg");
            assertThat(Files.readAllBytes(p)).isEqualTo(photo);
            assertThat(p.getParent()).isEqualTo(bed.folder("from_jakamo"));
        });
        assertThat(bed.sandbox.jakamo().queue(SandboxBed.ORDERS)).as("acknowledged").isEmpty();
    }

    private static Path attachments() throws java.io.IOException {
        return Files.createDirectories(bed.folder("to_jakamo").resolve("attachments"));
    }

    /** Written in full, then marked complete, as the ERP does. */
    private static void dropAttachment(String name, byte[] bytes) throws java.io.IOException {
        Files.write(attachments().resolve(name), bytes);
        Files.writeString(attachments().resolve(name + ".done"), "");
    }

    private static void dropOrders(String... numbers) throws java.io.IOException {
        for (String number : numbers) {
            bed.dropOrder(number);
            Files.writeString(bed.folder("to_jakamo").resolve("po-" + number + ".xml.done"), "");
        }
    }

    private static void syncOk() {
        Cli.Run run = sync();
        assertThat(run.code()).as(run.out() + run.err()).isZero();
    }

    /** A round in which the connector refuses one file: it says so, and the run says it needs attention. */
    private static void syncRefusingOne() {
        Cli.Run run = sync();
        assertThat(run.out() + run.err()).contains("1 refused into failed/");
        assertThat(run.code()).isNotZero();
    }

    private static List<DocumentRecord> uploads(byte[] content) throws InterruptedException {
        return bed.journal().documents(SandboxBed.ORDERS).stream()
                .filter(d -> d.kind() == DocumentRecord.Kind.ATTACHMENT)
                .filter(d -> java.util.Arrays.equals(d.content(), content)).toList();
    }

    /** What is in failed/ of this test's files (the tests share one sandbox and one folder tree). */
    private static List<String> failedNames(String containing) throws java.io.IOException {
        return bed.files("failed").stream().map(p -> p.getFileName().toString()).filter(n -> n.contains(containing))
                .toList();
    }

    @Test
    void theSameInvoiceDroppedForASecondOrderReachesBothOrdersAndACopyForTheSameOrderSaysSo() throws Exception {
        byte[] invoice = "%PDF-1.4 one invoice for two orders".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dropOrders("PO-001", "PO-002");
        dropAttachment("PO-001_invoice.pdf", invoice);
        syncOk();
        dropAttachment("PO-002_invoice.pdf", invoice);
        syncOk();

        assertThat(uploads(invoice)).extracting(DocumentRecord::documentNumber).containsExactly("PO-001", "PO-002");
        assertThat(failedNames("invoice")).as("nothing failed").isEmpty();

        dropAttachment("PO-001_invoice-again.pdf", invoice);
        syncRefusingOne();
        assertThat(uploads(invoice)).as("the same file for the same order goes once").hasSize(2);
        String report = Files.readString(bed.folder("failed").resolve("PO-001_invoice-again.pdf.error.txt"));
        assertThat(report).contains("This file was NOT sent to Jakamo",
                        "copy of the attachment for order PO-001 dropped as attachments/PO-001_invoice.pdf",
                        "sent to Jakamo)", "nothing: Jakamo has it already")
                .doesNotContain("messages retry", "export the document again");
    }

    @Test
    void aDrawingWhoseOrderFileNamesASecondOrderReachesThatOrderToo() throws Exception {
        byte[] drawing = "%PDF-1.4 the standard drawing".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dropOrders("PO-M0", "PO-M1");
        dropAttachment("PO-M0_drawing.pdf", drawing);
        syncOk();
        Files.writeString(attachments().resolve("drawing.pdf.order"), "PO-M1\n");
        dropAttachment("drawing.pdf", drawing);
        syncOk();

        assertThat(uploads(drawing)).extracting(DocumentRecord::documentNumber).containsExactly("PO-M0", "PO-M1");
        assertThat(uploads(drawing)).extracting(DocumentRecord::fileName)
                .containsExactly("PO-M0_drawing.pdf", "drawing.pdf");
        assertThat(failedNames("drawing")).as("nothing failed").isEmpty();
        assertThat(bed.files("processed")).extracting(p -> p.getFileName().toString())
                .contains("drawing.pdf", "drawing.pdf.order", "PO-M0_drawing.pdf");
    }

    @Test
    void anAttachmentThatNamesNoOrderIsToldHowToNameOne() throws Exception {
        byte[] sheet = "terms sheet without an order".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dropAttachment("terms.pdf", sheet);
        syncRefusingOne();

        String report = Files.readString(bed.folder("failed").resolve("terms.pdf.error.txt"));
        assertThat(report).contains("This file was NOT sent to Jakamo", "does not say which order it belongs to",
                "rename it to <order>_terms.pdf", "put a file terms.pdf.order next to it")
                .doesNotContain("export the document again", "DOCTYPE");
        assertThat(uploads(sheet)).isEmpty();
    }
}
