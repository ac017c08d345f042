package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.Journal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19's "done when", end to end through {@code sync --once} against the sandbox and the embedded database: the
 * Order with no namespace, no parties, no lines and {@code <cbc:Quantity>abc</cbc:Quantity>} is refused before any
 * request to Jakamo, with each of its problems located in failed/'s report, while a good Order dropped with it goes.
 */
class ValidationEndToEndIT {
    /** As the issue describes it: un-namespaced, so the quantity is simply {@code Quantity}. */
    private static final String ISSUE_19_ORDER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Order>
              <ID>PO-19</ID>
              <IssueDate>2026-12-01</IssueDate>
              <Quantity>abc</Quantity>
            </Order>
            """;

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

    @Test
    void theIssuesOrderIsRefusedLocallyWithEveryProblemLocatedAndNeverPosted() throws Exception {
        Path toJakamo = Files.createDirectories(bed.folder("to_jakamo"));
        Files.writeString(toJakamo.resolve("PO-19.xml"), ISSUE_19_ORDER);
        Files.createFile(toJakamo.resolve("PO-19.xml.done"));
        bed.dropOrder("PO-20");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8))
                .execute("--config", bed.files.configFile().toString(), "sync", "--once");
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(code).as(printed).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(printed).doesNotContain("refused by Jakamo");
        Journal journal = bed.journal();
        assertThat(journal.timesAccepted("Order", "PO-20")).as("the good order went").isEqualTo(1);
        assertThat(journal.requests(Endpoint.ORDER_POST)).as("one Order posted: the good one")
                .hasSize(1)
                .allSatisfy(r -> assertThat(journal.documents("Order", "PO-19")).isEmpty());
        assertThat(bed.files("failed")).extracting(p -> p.getFileName().toString())
                .contains("PO-19.xml", "PO-19.xml.error.txt").noneMatch(n -> n.startsWith("po-PO-20"));
        String report = Files.readString(bed.folder("failed").resolve("PO-19.xml.error.txt"));
        assertThat(report).startsWith("This file was NOT sent to Jakamo: the connector refused it before sending.")
                .contains("pre-flight validation found 4 ERRORs (Jakamo would refuse the document) and 1 WARNING")
                .contains("ERROR line 5, column 13, /Order/Quantity: found \"abc\", expected a decimal number")
                .contains("ERROR line 2, column 8, /Order/cac:BuyerCustomerParty: found nothing")
                .contains("ERROR line 2, column 8, /Order/cac:SellerSupplierParty: found nothing")
                .contains("ERROR line 2, column 8, /Order/cac:OrderLine: found nothing")
                .contains("WARNING line 2, column 8, /Order: found no namespace")
                .contains("jakamo-connector validate <file.xml> --integration orders");
    }
}
