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
}
