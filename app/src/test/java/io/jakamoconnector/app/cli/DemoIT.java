package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job: the demo accounts for every document, and a second run starts afresh. */
class DemoIT {
    @TempDir
    Path dir;

    private String demo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8))
                .execute("demo", "--dir", dir.toString(), "--orders", "2");
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        return output;
    }

    @Test
    void everyDocumentIsAccountedForAndTheAuditTrailVerifies() throws Exception {
        String output = demo();
        assertThat(output).contains("documents sent     3 of 3 (2 Order(s), 1 Claim)")
                .contains("answers received   2 OrderResponse(s), 1 ClaimResponse(s)")
                .contains("lost: 0").containsPattern("audit events +\\d+; signed checkpoints [1-9]\\d*; audit verify: intact");
        Path fromJakamo = dir.resolve("sandbox/erp/orders/from_jakamo");
        try (Stream<Path> files = Files.list(fromJakamo)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anySatisfy(n -> assertThat(n).startsWith("OrderResponse-PO-DEMO-1-"))
                    .anySatisfy(n -> assertThat(n).startsWith("OrderResponse-PO-DEMO-2-"));
        }
        assertThat(dir.resolve("sandbox/erp/orders/processed/PO-DEMO-1.xml")).exists();

        assertThat(demo()).as("a second run starts afresh").contains("lost: 0");
    }
}
