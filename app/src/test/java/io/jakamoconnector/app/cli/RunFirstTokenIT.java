package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.RequestRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} asks for the first token while its database starts (issue #8). The token request stays audited: its
 * event is in the trail after the start and before the first queue read's, the token used at Jakamo is the audited
 * one, and when the database never comes up the held event is logged by fingerprint, nothing reaches Jakamo and the
 * process exits with the database's error as before.
 */
class RunFirstTokenIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theFirstTokenIsAuditedInTheTrailBeforeTheFirstQueueReadUsesIt() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                """)) {
            bed.sandbox.jakamo().enqueue(SandboxBed.ORDERS, Documents.orderResponse("PO-8101", "S-8101"));
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString());
            boolean heldDuringStart;
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                connector.health(Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> bed.files("from_jakamo").size() == 1);
                int exit = connector.terminate(Duration.ofSeconds(60));
                assertThat(exit).as(connector.transcript()).isIn(0, 143);
                heldDuringStart = connector.err.stream().anyMatch(l -> l.contains("recorded during start-up written"));
            }

            List<RequestRecord> requests = bed.journal().requests();
            List<RequestRecord> tokens = requests.stream().filter(r -> r.endpoint() == Endpoint.TOKEN).toList();
            RequestRecord firstRead = requests.stream().filter(r -> r.endpoint() == Endpoint.QUEUE_READ
                    || r.endpoint() == Endpoint.CLAIM_QUEUE_READ).findFirst()
                    .orElseThrow(() -> new AssertionError("no queue read in " + requests));
            assertThat(tokens).as("one token request: the prefetch's, which the loops then took from the cache")
                    .hasSize(1);
            assertThat(tokens.get(0).sequence()).isLessThan(firstRead.sequence());
            assertThat(firstRead.tokenFingerprint()).as("the queue read presents the token that was requested")
                    .isEqualTo(tokens.get(0).tokenFingerprint());

            List<JsonNode> trail = export(bed);
            int acquired = indexOf(trail, "token_acquired");
            int received = indexOf(trail, "message_received");
            assertThat(acquired).as("token_acquired in the trail").isGreaterThanOrEqualTo(0);
            assertThat(received).as("message_received in the trail").isGreaterThanOrEqualTo(0);
            assertThat(acquired).as("the token's event precedes the first queue read's").isLessThan(received);
            assertThat(trail.get(acquired).get("token_fingerprint").asText())
                    .isEqualTo(firstRead.tokenFingerprint());
            assertThat(trail.get(acquired).get("reason").asText()).contains("trigger=first");
            assertThat(trail.stream().filter(e -> e.path("action").asText().equals("token_acquired"))).hasSize(1);
            System.out.printf("MEASURED run: the first token was %s%n", heldDuringStart
                    ? "acquired while the database started; its audit event was held and written first"
                    : "acquired after the database had started (its event written directly)");
        }
    }

    @Test
    void whenTheDatabaseNeverStartsTheHeldTokenEventIsLoggedByFingerprintAndNothingReachesJakamo() throws Exception {
        try (SilentDatabase database = new SilentDatabase(); SandboxBed bed = new SandboxBed(dir, """
                polling: { inboundSeconds: 1, outboundSeconds: 1 }
                health: { port: 0 }
                database:
                  url: jdbc:postgresql://127.0.0.1:%d/jakamo
                  user: jakamo
                """.formatted(database.port()))) {
            Map<String, String> env = Map.of("JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString());
            try (ConnectorProcess connector = ConnectorProcess.start(dir, env, "run")) {
                // the database answers nothing until the token has been acquired (and, as the log line comes after
                // the audit append, its event held); then it fails
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() ->
                        connector.err.stream().anyMatch(l -> l.contains("acquired from identity_provider")));
                assertThat(database.connections()).as("the database was being started meanwhile").isPositive();
                database.fail();
                int exit = connector.awaitExit(Duration.ofSeconds(60));
                assertThat(exit).as(connector.transcript()).isEqualTo(ExitCodes.UNAVAILABLE);

                RequestRecord token = bed.journal().requests(Endpoint.TOKEN).get(0);
                String transcript = connector.transcript();
                assertThat(transcript).contains("starting the database at jdbc:postgresql://127.0.0.1:"
                        + database.port());
                assertThat(connector.err).anyMatch(l -> l.contains("unwritten audit event")
                        && l.contains("action=token_acquired") && l.contains("integration=orders")
                        && l.contains("tokenFingerprint=" + token.tokenFingerprint()));
                assertThat(transcript).doesNotContain("eyJ");   // no token (a JWT) in any line
                assertThat(bed.journal().requests()).as("no credential use at Jakamo: only Entra was asked")
                        .isNotEmpty().allMatch(r -> r.server().equals("entra"));
            }
        }
    }

    private List<JsonNode> export(SandboxBed bed) throws IOException {
        Path export = dir.resolve("audit.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RootCommand.commandLine(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8)).execute("--config",
                bed.files.configFile().toString(), "audit", "export", "--output", export.toString());
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(export)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static int indexOf(List<JsonNode> trail, String action) {
        for (int i = 0; i < trail.size(); i++) {
            if (trail.get(i).path("action").asText().equals(action)) {
                return i;
            }
        }
        return -1;
    }

    /** A "PostgreSQL server" that accepts connections and says nothing until told to fail, then drops them all. */
    private static final class SilentDatabase implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private volatile boolean failing;
        private final Thread acceptor;

        SilentDatabase() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.add(socket);
                        if (failing) {
                            socket.close();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-database");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        void fail() throws IOException {
            failing = true;
            for (Socket socket : accepted) {
                socket.close();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            fail();
        }
    }
}
