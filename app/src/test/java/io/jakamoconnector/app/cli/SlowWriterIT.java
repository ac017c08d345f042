package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.testing.Pause;
import io.jakamoconnector.sandbox.DocumentRecord;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow ERP writers against the running service ({@code run}, the packaged jar in its own JVM): three large Orders
 * written straight under their final names in 16 KiB chunks over about three seconds, while the service polls the drop
 * folder every second. Each reaches Jakamo once, byte for byte as finished on disk; an empty file and editor
 * temporaries beside them are left alone, and nothing lands in {@code failed/}.
 */
class SlowWriterIT {
    private static final int LINES = 2_000;
    private static final int CHUNK = 16 * 1024;
    private static final Duration PAUSE = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void aFileWrittenInChunksOverSecondsIsSentOnceAndComplete() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                """)) {
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1");
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                connector.health(Duration.ofSeconds(90));
                Path toJakamo = Files.createDirectories(bed.folder("to_jakamo"));
                Files.createFile(toJakamo.resolve("po-empty.xml"));
                Files.writeString(toJakamo.resolve("~$po-SLOW-1.xml"), "lock file of an editor");
                Files.writeString(toJakamo.resolve(".po-SLOW-1.xml.swp"), "swap file of an editor");

                List<String> numbers = List.of("SLOW-1", "SLOW-2", "SLOW-3");
                List<Future<String>> writers = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(numbers.size());
                long started = System.nanoTime();
                try {
                    for (String number : numbers) {
                        writers.add(pool.submit(() -> writeSlowly(toJakamo.resolve("po-" + number + ".xml"),
                                largeOrder(number))));
                    }
                    List<String> written = new ArrayList<>();
                    for (Future<String> writer : writers) {
                        written.add(writer.get());
                    }
                    long writingMillis = (System.nanoTime() - started) / 1_000_000;
                    assertThat(writingMillis).as("the writers take seconds, several poll rounds").isGreaterThan(2000);

                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> numbers.stream().allMatch(n -> bed.sandbox.journal()
                                    .timesAccepted("Order", n) >= 1));
                    // for two more rounds (a second send would show in them) each is accepted once and no more
                    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(100)).until(() -> numbers.stream().allMatch(n ->
                                    bed.sandbox.journal().timesAccepted("Order", n) == 1));
                    for (int i = 0; i < numbers.size(); i++) {
                        List<DocumentRecord> accepted = bed.journal().documents("Order", numbers.get(i));
                        assertThat(accepted).as(numbers.get(i) + " accepted once").hasSize(1);
                        assertThat(accepted.get(0).sha256()).as(numbers.get(i) + " complete, byte for byte")
                                .isEqualTo(written.get(i));
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(bed.journal().documents(SandboxBed.ORDERS)).hasSize(numbers.size());
                assertThat(bed.files("failed")).isEmpty();
                assertThat(bed.files("to_jakamo")).extracting(p -> p.getFileName().toString())
                        .contains("po-empty.xml", "~$po-SLOW-1.xml", ".po-SLOW-1.xml.swp");
                assertThat(connector.process.isAlive()).isTrue();
                assertThat(connector.terminate(Duration.ofSeconds(60))).as(connector.transcript()).isIn(0, 143);
            }
        }
    }

    /** Writes the bytes under the final name in chunks with pauses and fsyncs; returns their SHA-256. */
    private static String writeSlowly(Path file, byte[] content) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int at = 0; at < content.length; at += CHUNK) {
                out.write(content, at, Math.min(CHUNK, content.length - at));
                out.flush();
                Pause.slowPeer(PAUSE, "the ERP writes the file in chunks, under its final name");
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** An Order of {@value #LINES} lines, about 300 KiB: many chunks. */
    private static byte[] largeOrder(String number) {
        String small = io.jakamoconnector.domain.testing.Documents.order(number);
        StringBuilder lines = new StringBuilder();
        for (int line = 2; line <= LINES; line++) {
            lines.append("  <cac:OrderLine><cac:LineItem><cbc:ID>").append(line)
                    .append("</cbc:ID><cbc:Quantity unitCode=\"PCE\">").append(line % 97 + 1)
                    .append("</cbc:Quantity><cbc:Note>written slowly by the ERP</cbc:Note>")
                    .append("<cac:Item><cbc:Name>Part ").append(line).append("</cbc:Name></cac:Item></cac:LineItem>")
                    .append("</cac:OrderLine>\n");
        }
        int end = small.indexOf("</Order>");
        return (small.substring(0, end) + lines + small.substring(end)).getBytes(StandardCharsets.UTF_8);
    }
}
