package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.AckRecord;
import io.jakamoconnector.sandbox.Journal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync --once} end to end, in-process, against the sandbox and the embedded PostgreSQL: the purchase-order
 * round trip (an Order dropped into to_jakamo goes to Jakamo once, the supplier's OrderResponse comes back into
 * from_jakamo and is acknowledged), a second pass that finds nothing to do, and a refusal that makes the exit code say so.
 * The tests share one data directory (one embedded database start) and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncOnceIT {
    @TempDir
    static Path dir;
    private static SandboxBed bed;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        bed = new SandboxBed(dir, "");
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static Run sync(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("--config", bed.files.configFile().toString(), "sync"));
        all.addAll(List.of(args));
        int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void anOrderGoesOutOnceAndTheSuppliersResponseComesBackAcknowledged() throws Exception {
        bed.dropOrder("PO-7001");

        long started = System.nanoTime();
        Run run = sync("--once");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[ OK ] orders outbound: 1 picked up, 1 sent")
                .contains("[ OK ] orders inbound: 1 received, 1 delivered to from_jakamo, 1 acknowledged")
                .contains("sync done: 1 integration(s), 1 document(s) sent, 1 delivered to the ERP")
                .doesNotContain("\r");
        Journal journal = bed.journal();
        assertThat(journal.timesAccepted("Order", "PO-7001")).as("sent to Jakamo exactly once").isEqualTo(1);
        assertThat(bed.files("to_jakamo")).isEmpty();
        assertThat(bed.files("processed")).extracting(p -> p.getFileName().toString()).containsExactly("po-PO-7001.xml");
        List<Path> delivered = bed.files("from_jakamo");
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).getFileName().toString()).startsWith("OrderResponse-PO-7001-").endsWith(".xml");
        assertThat(Files.readString(delivered.get(0))).contains("PO-7001");
        List<AckRecord> acks = journal.acknowledgements(SandboxBed.ORDERS);
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).documentNumber()).isEqualTo("PO-7001");
        assertThat(bed.sandbox.jakamo().queue(SandboxBed.ORDERS)).isEmpty();
        assertThat(bed.tempFiles()).isEmpty();
        System.out.printf("MEASURED sync --once PO round trip (embedded database start included): %d ms%n", millis);
    }

    @Test
    @Order(2)
    void aSecondPassFindsNothingAndSendsNothingAgain() throws Exception {
        Run run = sync("--once", "--integration", "orders");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("orders outbound: 0 picked up, 0 sent")
                .contains("orders inbound: 0 received");
        assertThat(bed.journal().timesAccepted("Order", "PO-7001")).isEqualTo(1);
        assertThat(bed.files("from_jakamo")).hasSize(1);
    }

    @Test
    @Order(3)
    void aDocumentJakamoRefusesMakesTheExitCodeSaySo() throws Exception {
        // an OrderChange for an order Jakamo never saw: refused ("Order not found"), archived into failed/
        Path toJakamo = bed.folder("to_jakamo");
        Files.writeString(toJakamo.resolve("chg-PO-404.xml"),
                io.jakamoconnector.domain.testing.Documents.orderChange("PO-404", 1));
        Files.createFile(toJakamo.resolve("chg-PO-404.xml.done"));

        Run run = sync("--once");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("[WARN] orders outbound: 1 picked up, 0 sent, 1 refused by Jakamo")
                .contains("sync done with problems");
        assertThat(bed.files("failed")).extracting(p -> p.getFileName().toString())
                .contains("chg-PO-404.xml", "chg-PO-404.xml.error.txt");
    }

    @Test
    @Order(4)
    void anUnknownIntegrationIsAUsageError() {
        Run run = sync("--once", "--integration", "nope");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no integration named 'nope'; configured: [orders]");
    }

    @Test
    @Order(5)
    void withoutOnceItSaysWhatToRunInstead() {
        Run run = sync();
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--once");
    }
}
