package io.jakamoconnector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The journal answers "exactly once" and "only after" questions, and never holds a secret or a token. */
class JournalIT {

    @Test
    void neitherJournalNorControlApiNorLogsEverContainASecretOrToken() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        // everything the sandbox and MSAL log, at the most talkative level, captured instead of printed
        List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("io.jakamoconnector"),
                (Logger) LoggerFactory.getLogger("com.microsoft.aad.msal4j"));
        List<Level> levels = loggers.stream().map(Logger::getLevel).toList();
        for (Logger logger : loggers) {
            logger.addAppender(logs);
            logger.setAdditive(false);
            logger.setLevel(Level.TRACE);
        }
        List<String> secrets = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        try (Sandbox sandbox = Sandbox.start()) {
            TestHttp http = new TestHttp(sandbox);
            AppRegistration app = sandbox.registerApp(AppSpec.orders("journal").integration("journal"));
            secrets.add(app.clientSecret());
            sandbox.addIntegration(IntegrationSpec.purchaseOrders("legacy").basicAuth("legacy-user", "P4ssw0rd-never-logged").allowBasicAuth());
            secrets.add("P4ssw0rd-never-logged");

            String token = MsalIT.acquire(MsalIT.viaAuthority(sandbox, app.clientId(),
                    ClientCredentialFactory.createFromSecret(app.clientSecret())), sandbox).accessToken();
            secrets.add(token);
            secrets.add(token.substring(token.lastIndexOf('.') + 1));   // the signature alone
            MsalErrors.failure(() -> MsalIT.acquire(MsalIT.viaAuthority(sandbox, app.clientId(),
                    ClientCredentialFactory.createFromSecret("wrong-secret-value-xyz")), sandbox));
            secrets.add("wrong-secret-value-xyz");

            String bearer = TestHttp.bearer(token);
            http.post("/api/order", bearer, Samples.order("PO-J1"));
            HttpResponse<String> head = http.get("/api/order/response", bearer);
            http.post(head.headers().firstValue("X-Acknowledge-Uri").orElseThrow(), bearer, null);
            http.get("/api/order/response", TestHttp.basic("legacy-user", "P4ssw0rd-never-logged"));
            http.get("/api/order/response", TestHttp.bearer(token + "garbled"));

            Journal journal = sandbox.journal();
            assertThat(journal.requests(Endpoint.TOKEN)).extracting(RequestRecord::tokenFingerprint)
                    .contains(Journal.fingerprint(token));
            assertThat(journal.requests(Endpoint.QUEUE_READ)).first()
                    .satisfies(r -> assertThat(r.tokenFingerprint()).isEqualTo(Journal.fingerprint(token)).hasSize(16));
            journal.requests().forEach(r -> seen.append(r).append('\n'));
            journal.documents().forEach(d -> seen.append(d).append('\n'));
            journal.acknowledgements().forEach(a -> seen.append(a).append('\n'));
            seen.append(http.get("/_sandbox/journal", null).body()).append(http.get("/_sandbox/", null).body());
            sandbox.entra().apps().forEach(a -> seen.append(a));
            seen.append(app);   // the registration shows the secret through its accessor only, never in toString
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).detachAppender(logs);
                loggers.get(i).setAdditive(true);
                loggers.get(i).setLevel(levels.get(i));
            }
        }
        for (ILoggingEvent event : logs.list) {
            seen.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                seen.append(t.getMessage()).append('\n');
            }
        }
        assertThat(logs.list).as("the check saw real log output").isNotEmpty();
        assertThat(seen).contains("PO-J1");
        for (String secret : secrets) {
            assertThat(seen.toString()).doesNotContain(secret);
        }
    }

    @Test
    void answersPostedExactlyOnceAndAcknowledgedOnlyAfter() throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            TestHttp http = new TestHttp(sandbox);
            String bearer = TestHttp.bearer(sandbox.entra().issueToken(sandbox.registerApp(AppSpec.orders("j").integration("j")).clientId()));
            http.post("/api/order", bearer, Samples.order("PO-ONCE"));
            http.post("/api/order", bearer, Samples.order("PO-TWICE"));
            http.post("/api/order", bearer, Samples.order("PO-TWICE"));

            assertThat(sandbox.journal().timesAccepted("Order", "PO-ONCE")).isEqualTo(1);
            assertThat(sandbox.journal().timesAccepted("Order", "PO-TWICE")).isEqualTo(2);

            HttpResponse<String> head = http.get("/api/order/response", bearer);
            http.get("/api/order/response", bearer);
            QueueMessage message = sandbox.jakamo().queue("j").get(0);
            http.post("/api/order", bearer, Samples.order("PO-SAVED"));
            http.post(head.headers().firstValue("X-Acknowledge-Uri").orElseThrow(), bearer, null);

            DocumentRecord saved = sandbox.journal().documents("Order", "PO-SAVED").get(0);
            AckRecord ack = sandbox.journal().acknowledgement(message.id()).orElseThrow();
            assertThat(ack.sequence()).as("acknowledged only after PO-SAVED was posted").isGreaterThan(saved.sequence());
            assertThat(ack.deliveries()).isEqualTo(2);
            assertThat(sandbox.journal().deliveries(message.id())).isEqualTo(2);
            assertThat(ack.documentNumber()).isEqualTo("PO-ONCE");

            sandbox.journal().clear();
            assertThat(sandbox.journal().requests()).isEmpty();
            assertThat(sandbox.journal().acknowledgements()).isEmpty();
        }
    }

    @Test
    void aClientThatHasItsAnswerAlwaysFindsItsRequestInTheJournal() throws Exception {
        // before the request was journalled ahead of the answer's end, a test reading the journal right after its
        // answer sometimes counted one short (CI failed on QueueIT that way); 300 reads give that race many chances
        try (Sandbox sandbox = Sandbox.start()) {
            TestHttp http = new TestHttp(sandbox);
            String clientId = sandbox.registerApp(AppSpec.orders("seen").integration("seen")).clientId();
            String bearer = TestHttp.bearer(sandbox.entra().issueToken(clientId));
            QueueMessage head = sandbox.jakamo().enqueue("seen", Samples.orderResponse("PO-SEEN"));
            sandbox.faults().failNext(50, Endpoint.QUEUE_READ, Fault.serverError(503));
            int delivered = 0;
            for (int i = 1; i <= 300; i++) {
                if (http.get("/api/order/response", bearer).statusCode() == 200) {
                    delivered++;
                }
                assertThat(sandbox.journal().requests(Endpoint.QUEUE_READ)).as("after read %d", i).hasSize(i);
                assertThat(sandbox.journal().deliveries(head.id())).as("after read %d", i).isEqualTo(delivered);
            }
            assertThat(delivered).isEqualTo(250);
        }
    }
}
