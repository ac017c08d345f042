package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ConnectorConfigFiles;
import io.jakamoconnector.sandbox.DocumentRecord;
import io.jakamoconnector.sandbox.IntegrationSpec;
import io.jakamoconnector.sandbox.Journal;
import io.jakamoconnector.sandbox.QueueMessage;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sales-order round trip end to end through {@code sync --once}, on the supplier's side: a customer places an
 * order and then changes it in Jakamo; both reach the ERP's from_jakamo byte for byte. The ERP answers the order with
 * an OrderResponse and accepts the change with the connector's ConfirmAllChanges instruction; the next sync posts the
 * OrderResponse unchanged and accepts the changes once, at the confirmation URL of that order's change, after the
 * OrderResponse. Another customer's order is in the queue too, so "the right order" means something.
 */
class SalesOrderRoundTripIT {
    private static final String SALES = "sales";
    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static ConnectorConfigFiles files;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.builder().start();
        sandbox.addIntegration(IntegrationSpec.salesOrders(SALES));
        sandbox.registerApp(AppSpec.orders("erp-sales").integration(SALES));
        files = sandbox.writeConnectorConfig(dir);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Path folder(String name) {
        return files.folderRoots().get(SALES).resolve(name);
    }

    private static List<Path> files(String name) throws IOException {
        if (!Files.isDirectory(folder(name))) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder(name))) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The ERP writes under a hidden name and renames the file in, as careful writers do. */
    private static void drop(String fileName, String xml) throws IOException {
        Path toJakamo = Files.createDirectories(folder("to_jakamo"));
        Path temp = toJakamo.resolve("." + fileName + ".part");
        Files.writeString(temp, xml);
        Files.move(temp, toJakamo.resolve(fileName));
    }

    private static Cli.Run sync() {
        Cli.Run run = Cli.withConfig(files.configFile(), "sync", "--once");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        return run;
    }

    @Test
    void anOrderIsAnsweredAndItsChangeAcceptedAllOnceAtTheRightOrder() throws Exception {
        QueueMessage order = sandbox.jakamo().placeSalesOrder(SALES, "CUST-5001");
        QueueMessage otherCustomer = sandbox.jakamo().placeSalesOrder(SALES, "CUST-5002");
        QueueMessage change = sandbox.jakamo().placeSalesOrderChange(SALES, "CUST-5001");

        sync();

        List<Path> delivered = files("from_jakamo");
        assertThat(delivered).as("nothing lost on the way in").hasSize(3);
        for (QueueMessage message : List.of(order, otherCustomer, change)) {
            assertThat(delivered).as(message.rootElement() + " " + message.documentNumber() + " byte for byte")
                    .anySatisfy(p -> assertThat(Files.readAllBytes(p)).isEqualTo(message.body()));
        }
        assertThat(delivered).extracting(p -> p.getFileName().toString())
                .anySatisfy(n -> assertThat(n).startsWith("OrderChange-CUST-5001-"));
        assertThat(sandbox.jakamo().queue(SALES)).as("all acknowledged").isEmpty();

        byte[] response = Documents.orderResponse("CUST-5001", "SO-88001").getBytes(StandardCharsets.UTF_8);
        drop("response-CUST-5001.xml", new String(response, StandardCharsets.UTF_8));
        drop("confirm-CUST-5001.xml", Documents.confirmAllChanges("CUST-5001", "ERP-2026-0001"));

        Cli.Run second = sync();

        Journal journal = sandbox.journal();
        List<DocumentRecord> accepted = journal.documents(SALES);
        DocumentRecord posted = accepted.stream().filter(d -> d.kind() == DocumentRecord.Kind.DOCUMENT)
                .filter(d -> "OrderResponse".equals(d.rootElement())).findFirst()
                .orElseThrow(() -> new AssertionError("no OrderResponse reached Jakamo: " + second.out()));
        assertThat(posted.content()).as("the OrderResponse byte for byte").isEqualTo(response);
        assertThat(posted.documentNumber()).isEqualTo("CUST-5001");
        List<DocumentRecord> confirmations = accepted.stream()
                .filter(d -> d.kind() == DocumentRecord.Kind.CONFIRM_ALL).toList();
        assertThat(confirmations).as("exactly one confirm-all, for the changed order").singleElement()
                .satisfies(c -> {
                    assertThat(c.documentNumber()).isEqualTo("CUST-5001");
                    assertThat(c.content()).as("an empty POST").isEmpty();
                    assertThat(c.sequence()).as("after the OrderResponse dropped before it")
                            .isGreaterThan(posted.sequence());
                });
        assertThat(accepted).as("nothing else was sent").hasSize(2);

        assertThat(files("to_jakamo")).isEmpty();
        assertThat(files("failed")).as("nothing failed").isEmpty();
        assertThat(files("processed")).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("response-CUST-5001.xml", "confirm-CUST-5001.xml");
        assertThat(Files.readAllBytes(folder("processed").resolve("response-CUST-5001.xml"))).isEqualTo(response);

        Path export = dir.resolve("audit.jsonl");
        Cli.Run exported = Cli.withConfig(files.configFile(), "audit", "export", "--output", export.toString());
        assertThat(exported.code()).as(exported.out() + exported.err()).isZero();
        List<String> events = Files.readAllLines(export);
        assertThat(events.stream().filter(l -> l.contains("\"message_delivered\""))).hasSize(3);
        assertThat(events.stream().filter(l -> l.contains("\"message_acknowledged\""))).hasSize(3);
        assertThat(events).filteredOn(l -> l.contains("confirm-CUST-5001.xml"))
                .anyMatch(l -> l.contains("\"document_picked_up\""))
                .anyMatch(l -> l.contains("\"document_archived\""))
                .filteredOn(l -> l.contains("\"document_sent\"")).singleElement().asString()
                .contains("CUST-5001").contains("all changes accepted as of the OrderChange");
        assertThat(events).filteredOn(l -> l.contains("response-CUST-5001.xml"))
                .anyMatch(l -> l.contains("\"document_sent\""));
        assertThat(events).noneMatch(l -> l.contains("\"document_in_doubt\"") || l.contains("\"document_failed\""));
        Cli.Run verified = Cli.withConfig(files.configFile(), "audit", "verify");
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
    }
}
