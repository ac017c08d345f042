package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.testing.Documents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jakamo-connector validate}: in-process, with no database and no Jakamo configured or running, as the ERP
 * team runs it in its own tests.
 */
class ValidateCommandTest {
    /** The Order of issue #19: no namespace, no parties, no lines, a quantity that is not a number. */
    private static final String ISSUE_19_ORDER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Order>
              <ID>PO-19</ID>
              <IssueDate>2026-12-01</IssueDate>
              <Quantity>abc</Quantity>
            </Order>
            """;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", dir.resolve("jakamo-connector.yml").toString());
        return RootCommand.commandLine(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String file(String name, String xml) throws IOException {
        return Files.writeString(dir.resolve(name), xml).toString();
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDocumentWithErrorsExitsOneWithEveryProblemLocated() throws IOException {
        String bad = file("PO-19.xml", ISSUE_19_ORDER);

        assertThat(run("validate", bad)).isEqualTo(ExitCodes.PROBLEMS);

        assertThat(printed()).contains(bad + ": Order, 4 ERRORs, 1 WARNING: REFUSED")
                .contains("  ERROR line 5, column 13, /Order/Quantity: found \"abc\", expected a decimal number")
                .contains("  ERROR line 2, column 8, /Order/cac:BuyerCustomerParty: found nothing")
                .contains("/Order/cac:SellerSupplierParty: found nothing")
                .contains("/Order/cac:OrderLine: found nothing, expected at least one cac:OrderLine")
                .contains("  WARNING line 2, column 8, /Order: found no namespace");
    }

    @Test
    void warningsArePrintedAndExitZeroWhileAnyErrorInAnyFileExitsOne() throws IOException {
        String good = file("PO-1.xml", Documents.order("PO-1"));
        String warned = file("PO-2.xml", Documents.order("PO-2").replace("unitCode=\"PCE\"", "unitCode=\"pcs\""));

        assertThat(run("validate", good, warned)).isEqualTo(ExitCodes.OK);
        assertThat(printed()).contains(good + ": Order, 0 ERRORs, 0 WARNINGs: OK")
                .contains(warned + ": Order, 0 ERRORs, 1 WARNING: OK with warnings")
                .contains("  WARNING line 9, column 79, /Order/cac:OrderLine/cac:LineItem/cbc:Quantity: found "
                        + "unitCode=\"pcs\", expected a UN/ECE recommendation 20 unit code");

        assertThat(run("validate", good, file("PO-19.xml", ISSUE_19_ORDER))).isEqualTo(ExitCodes.PROBLEMS);
    }

    @Test
    void aFileThatIsNotXmlIsRefusedWithWhy() throws IOException {
        String broken = file("broken.xml", "<Order><ID>PO-1</Order>");

        assertThat(run("validate", broken)).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(printed()).contains(broken + ": REFUSED: the document is not well-formed XML (line 1");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("validate", dir.resolve("missing.xml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.xml: no such file");
    }

    @Test
    void withAnIntegrationItChecksThatIntegrationsKindAndMode() throws IOException {
        Files.writeString(dir.resolve("jakamo-connector.yml"), """
                integrations:
                  - name: orders
                    kind: purchase-orders
                    environment: demo
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000a
                    clientSecret: { file: ./orders.secret }
                  - name: lenient
                    kind: purchase-orders
                    environment: demo
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000b
                    clientSecret: { file: ./lenient.secret }
                    validation: warn
                  - name: unchecked
                    kind: purchase-orders
                    environment: demo
                    clientId: 3f0c2a9e-0000-4000-8000-00000000000c
                    clientSecret: { file: ./unchecked.secret }
                    validation: off
                """);
        String bad = file("PO-19.xml", ISSUE_19_ORDER);
        String response = file("resp.xml", Documents.orderResponse("PO-1", "SO-1"));

        assertThat(run("validate", bad, "--integration", "lenient")).as(printed()).isEqualTo(ExitCodes.OK);
        assertThat(printed()).contains(bad + ": Order, 0 ERRORs, 5 WARNINGs: OK with warnings")
                .contains("  WARNING line 5, column 13, /Order/Quantity: found \"abc\"");
        assertThat(run("validate", response, "--integration", "orders")).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(printed()).contains(response + ": REFUSED: a purchase-orders integration does not send "
                + "OrderResponse documents");
        assertThat(run("validate", bad, "--integration", "unchecked")).isEqualTo(ExitCodes.OK);
        assertThat(printed()).contains("note: validation is off for integration unchecked");
        String noOrder = file("status.xml", "<StatusMessage><Status>Received</Status></StatusMessage>");
        assertThat(run("validate", noOrder, "--integration", "lenient")).as("no order number: refused in every mode")
                .isEqualTo(ExitCodes.PROBLEMS);
        assertThat(printed()).contains("the document does not name its order: it is refused in every validation mode");
        assertThat(run("validate", bad, "--integration", "nosuch")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no integration named 'nosuch'; configured: "
                + "[orders, lenient, unchecked]");
    }
}
