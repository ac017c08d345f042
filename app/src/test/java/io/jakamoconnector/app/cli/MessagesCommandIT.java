package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.adapter.persistence.AuditSigningKey;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.adapter.persistence.JdbiMessageQueriesAdapter;
import io.jakamoconnector.adapter.persistence.JdbiSyncStateAdapter;
import io.jakamoconnector.adapter.persistence.PostgresQueueLeaseAdapter;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.WaitingState;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.testing.AttemptEnds;
import io.jakamoconnector.domain.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** messages list, show, retry and resolve on the embedded database, through the CLI. */
class MessagesCommandIT {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final Instant SENT_AT = Instant.parse("2026-12-01T08:30:15Z");
    private static final byte[] POISON = "<OrderResponse><cbc:ID>cut".getBytes(StandardCharsets.UTF_8);
    /** Readable, but quarantined by an older reader. */
    private static final byte[] ONCE_REFUSED = Documents.orderResponse("PO-1", "S-1")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private DedupKey poisonKey;
    private DedupKey onceRefusedKey;

    private Cli.Run cli(String... args) throws Exception {
        Path config = dir.resolve("jakamo-connector.yml");
        if (!Files.exists(config)) {
            Files.writeString(config, "node: messages-test\ndataDirectory: ./data\n");
        }
        return Cli.withConfig(config, args);
    }

    /** One failed document (1), one in doubt (2), one sent (3), one quarantined message. */
    @BeforeEach
    void someHistory() throws Exception {
        DocumentReader reader = new DocumentReader();
        Instant now = Instant.now();
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            JdbiAuditTrailAdapter trail = new JdbiAuditTrailAdapter(db,
                    AuditSigningKey.loadOrCreate(dir.resolve("keys")), Clock.systemUTC());
            JdbiSyncStateAdapter state = new JdbiSyncStateAdapter(db, trail);
            OutboundState[] ends = {OutboundState.FAILED, OutboundState.IN_DOUBT, OutboundState.SENT};
            for (int i = 0; i < ends.length; i++) {
                String file = "PO-" + (i + 1) + ".xml";
                Document doc = reader.readDocument(Documents.order("PO-" + (i + 1)).getBytes(StandardCharsets.UTF_8));
                long id = ((OutboundRegistration.Registered) state.registerOutbound(ORDERS,
                        new OutgoingDocument(new ErpDocumentRef(file), doc, file), Optional.empty(), now))
                        .record().id();
                state.claimNext(ORDERS, "test", now, Duration.ofMinutes(5)).orElseThrow();
                state.markSending(id, "test", now);
                state.recordOutcome(id, "test", AttemptEnds.leaving(ends[i],
                        ends[i] == OutboundState.SENT ? null : "HTTP 422: Order refused"), now);
                // the trail as the sender writes it: a claim, then what Jakamo answered
                Sha256 sha = Sha256.of(Documents.order("PO-" + (i + 1)).getBytes(StandardCharsets.UTF_8));
                trail.append(about(AuditAction.DOCUMENT_CLAIMED, AuditOutcome.OK, file, sha).at(now).build());
                trail.append(ends[i] == OutboundState.SENT
                        ? about(AuditAction.DOCUMENT_SENT, AuditOutcome.OK, file, sha).at(SENT_AT)
                                .remoteCorrelationId("jk-77").build()
                        : about(AuditAction.DOCUMENT_FAILED, AuditOutcome.FAIL, file, sha).at(now.plusSeconds(1))
                                .reason("HTTP 422: Order refused, no such buyer").build());
            }
            try (QueueLease lease = new PostgresQueueLeaseAdapter(db).tryAcquire(ORDERS, "test").orElseThrow()) {
                poisonKey = new DedupKey(Sha256.of("poison".getBytes(StandardCharsets.UTF_8)).hex());
                state.recordQuarantined(new InboundReceipt(ORDERS, poisonKey, DocumentType.UNKNOWN, Optional.empty(),
                        Sha256.of(POISON), now), lease, POISON, "not well-formed XML");
                byte[] response = Documents.orderResponse("PO-2", "S-2").getBytes(StandardCharsets.UTF_8);
                state.recordDelivered(new InboundReceipt(ORDERS, new DedupKey(Sha256.of(response).hex()),
                        DocumentType.ORDER_RESPONSE, Optional.of(new io.jakamoconnector.domain.model.document
                        .BusinessKey("PO-2")), Sha256.of(response), now.plusSeconds(10)), lease,
                        () -> "OrderResponse-PO-2.xml");
                onceRefusedKey = new DedupKey(Sha256.of(ONCE_REFUSED).hex());
                state.recordQuarantined(new InboundReceipt(ORDERS, onceRefusedKey, DocumentType.UNKNOWN,
                        Optional.empty(), Sha256.of(ONCE_REFUSED), now), lease, ONCE_REFUSED, "unknown document type");
            }
        }
    }

    private static AuditEvent.Builder about(AuditAction action, AuditOutcome outcome, String file, Sha256 sha) {
        return AuditEvent.builder(action, outcome).node("messages-test").actor("connector").integration(ORDERS)
                .fileName(file).sha256(sha).attempt(1);
    }

    @Test
    void listsBothSidesAndFiltersByState() throws Exception {
        Cli.Run all = cli("messages", "list");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).contains("PO-1.xml").contains("PO-2.xml").contains("PO-3.xml")
                .contains(poisonKey.shortForm()).contains("quarantined");

        Cli.Run failed = cli("messages", "list", "--direction", "out", "--state", "failed");
        assertThat(failed.out()).contains("PO-1.xml").doesNotContain("PO-2.xml").doesNotContain("IN  ");

        assertThat(cli("messages", "list", "--state", "lost").err()).contains("--state: 'lost' is no state");

        // for people: an age or a plain date, and the last error in the list
        Cli.Run recent = cli("messages", "list", "--direction", "out", "--since", "1h");
        assertThat(recent.code()).as(recent.err()).isZero();
        assertThat(recent.out()).contains("PO-1.xml").contains("HTTP 422: Order refused").contains("SENT");
        assertThat(recent.out().lines().filter(l -> l.contains("PO-3.xml")).findFirst().orElseThrow())
                .as("when Jakamo accepted it, from the audit trail").contains("2026-12-01T08:30:15");
        assertThat(recent.out().lines().filter(l -> l.contains("PO-1.xml")).findFirst().orElseThrow())
                .doesNotContain("2026-12-01T08:30:15");
        assertThat(cli("messages", "list", "--direction", "out", "--until", "2000-01-01").out())
                .doesNotContain("PO-1.xml");
        assertThat(cli("messages", "list", "--since", "yesterday").err()).contains("an age (30m, 1h, 2d)");
    }

    @Test
    void showsADocumentAndTheRawBytesOfAQuarantinedMessage() throws Exception {
        Cli.Run doc = cli("messages", "show", "1");
        assertThat(doc.code()).isZero();
        assertThat(doc.out()).contains("state         failed").contains("last error    HTTP 422: Order refused")
                .contains("jakamo-connector messages retry 1 --reason \"...\"")
                .contains("document failed (fail), attempt 1: HTTP 422: Order refused, no such buyer")
                .doesNotContain("document claimed");
        assertThat(doc.out().indexOf("history")).as("the history, then what to do")
                .isLessThan(doc.out().indexOf("next step"));
        assertThat(cli("messages", "show", "3").out()).contains("sent          " + SENT_AT)
                .contains(SENT_AT + "  document sent (ok), attempt 1 [Jakamo ref jk-77]");
        assertThat(cli("messages", "show", "2").out())
                .contains("evidence      OrderResponse for PO-2 arrived from Jakamo at")
                .contains("check in Jakamo whether Order PO-2 arrived")
                .contains("jakamo-connector messages resolve 2 --sent --reason \"...\"");
        assertThat(cli("messages", "show", "orders", poisonKey.shortForm()).out())
                .contains("jakamo-connector messages redeliver orders " + poisonKey.shortForm() + " --reason");

        Cli.Run raw = cli("messages", "show", "orders", poisonKey.shortForm(), "--raw");
        assertThat(raw.code()).as(raw.err()).isZero();
        assertThat(raw.out()).isEqualTo(new String(POISON, StandardCharsets.UTF_8));
    }

    @Test
    void retriesAFailedDocumentResolvesOneInDoubtAndAuditsBoth() throws Exception {
        // pasted from an error file as printed, or without a reason, away from a terminal: told what to add, no change
        String[][] asPrinted = {{"messages", "retry", "1"}, {"messages", "retry", "1", "--reason", "..."}};
        for (String[] pasted : asPrinted) {
            Cli.Run noReason = cli(pasted);
            assertThat(noReason.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(noReason.err()).contains("jakamo-connector messages retry 1 --reason \"")
                    .doesNotContain("Usage:");
        }
        Cli.Run resolveWithout = cli("messages", "resolve", "2", "--not-sent");
        assertThat(resolveWithout.err()).contains("jakamo-connector messages resolve 2 --not-sent --reason \"");
        Cli.Run retried = cli("messages", "retry", "1", "--reason", "seller contact mapped in Jakamo");
        assertThat(retried.code()).as(retried.err()).isZero();
        assertThat(retried.out()).contains("document 1: failed -> pending");

        Cli.Run refused = cli("messages", "retry", "3", "--reason", "again");
        assertThat(refused.code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(refused.err()).contains("document 3");

        Cli.Run resolved = cli("messages", "resolve", "2", "--sent", "--reason", "PO-2 is in Jakamo");
        assertThat(resolved.code()).as(resolved.err()).isZero();
        assertThat(resolved.out()).contains("document 2: in_doubt -> sent");

        assertThat(cli("messages", "resolve", "2", "--reason", "x").err()).contains("--sent").contains("--not-sent");

        // the corrections are the integration's events: an export for it holds them, with the operator and reason
        Path export = dir.resolve("audit.jsonl");
        Cli.Run exported = cli("audit", "export", "--integration", "orders", "--output", export.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        List<String> events = Files.readAllLines(export);
        assertThat(events).anySatisfy(l -> assertThat(l).contains("\"document_retried\"").contains("\"ok\"")
                .contains("\"operator:").contains("retry document 1 (failed -> pending): seller contact mapped in Jakamo"));
        assertThat(events).anySatisfy(l -> assertThat(l).contains("\"document_resolved\"")
                .contains("resolve document 2 as sent (in_doubt -> sent): PO-2 is in Jakamo"));

    }

    @Test
    void discardsADocumentInDoubtWithAReasonListsItAsDiscardedAndAuditsIt() throws Exception {
        Cli.Run noReason = cli("messages", "discard", "2");
        assertThat(noReason.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err()).contains("jakamo-connector messages discard 2 --reason \"");

        Cli.Run discarded = cli("messages", "discard", "2", "--reason", "PO-2 cancelled in the ERP");
        assertThat(discarded.code()).as(discarded.err()).isZero();
        assertThat(discarded.out()).contains("document 2: in_doubt -> discarded");

        Cli.Run sent = cli("messages", "discard", "3", "--reason", "not needed");
        assertThat(sent.code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(sent.err()).contains("document 3 is sent; only a failed, dead or in-doubt document can be "
                + "discarded");

        Cli.Run listed = cli("messages", "list", "--direction", "out", "--state", "discarded");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("PO-2.xml").contains("discarded").doesNotContain("PO-1.xml");
        assertThat(cli("messages", "show", "2").out()).contains("state         discarded")
                .contains("next step     nothing: an operator decided it is never sent");

        Path export = dir.resolve("audit.jsonl");
        Cli.Run exported = cli("audit", "export", "--integration", "orders", "--output", export.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.readAllLines(export)).anySatisfy(l -> assertThat(l).contains("\"document_discarded\"")
                .contains("\"ok\"").contains("\"operator:").contains("\"orders\"")
                .contains("discard document 2 (in_doubt -> discarded): PO-2 cancelled in the ERP"));
    }

    @Test
    void redeliversAQuarantinedMessageThatReadsNowAndRefusesOneThatStillDoesNot() throws Exception {
        Path secret = dir.resolve("orders.secret");
        Files.writeString(secret, "not-used-by-this-command");
        Files.writeString(dir.resolve("jakamo-connector.yml"), "node: messages-test\ndataDirectory: ./data\n"
                + "integrations:\n  - name: orders\n    kind: purchase-orders\n    environment: demo\n"
                + "    clientId: 3f0c2a9e-0000-4000-8000-00000000000a\n    clientSecret: { file: " + secret + " }\n");

        Cli.Run still = cli("messages", "redeliver", "orders", poisonKey.shortForm(), "--reason", "try again");
        assertThat(still.code()).as(still.out() + still.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(still.err()).contains("still cannot be read");

        Cli.Run redelivered = cli("messages", "redeliver", "orders", onceRefusedKey.shortForm(), "--reason",
                "reader fixed in 1.4");
        assertThat(redelivered.code()).as(redelivered.out() + redelivered.err()).isZero();
        assertThat(redelivered.out()).contains("quarantined -> delivered");
        try (var files = Files.list(dir.resolve("erp/orders/from_jakamo"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).singleElement()
                    .satisfies(f -> assertThat(Files.readAllBytes(f)).isEqualTo(ONCE_REFUSED));
        }
        assertThat(cli("messages", "show", "orders", onceRefusedKey.shortForm()).out())
                .contains("state         delivered");

        Path export = dir.resolve("audit.jsonl");
        assertThat(cli("audit", "export", "--integration", "orders", "--output", export.toString()).code()).isZero();
        assertThat(Files.readAllLines(export)).anySatisfy(l -> assertThat(l).contains("\"message_redelivered\"")
                .contains("\"ok\"").contains("reader fixed in 1.4"));
    }

    @Test
    void discardsAClearedQuarantinedMessageWithAReasonSoItNoLongerWaitsAndAuditsIt() throws Exception {
        Cli.Run atHead = cli("messages", "discard", "orders", poisonKey.shortForm(), "--reason", "sender resent it");
        assertThat(atHead.code()).as(atHead.out() + atHead.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(atHead.err()).contains("still at the head of Jakamo's queue");
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            new JdbiSyncStateAdapter(db, new JdbiAuditTrailAdapter(db, AuditSigningKey.loadOrCreate(
                    dir.resolve("keys")), Clock.systemUTC())).recordAcknowledged(ORDERS, poisonKey, Instant.now());
        }
        assertThat(cli("messages", "show", "orders", poisonKey.shortForm()).out())
                .contains("jakamo-connector messages discard orders " + poisonKey.shortForm() + " --reason");

        Cli.Run discarded = cli("messages", "discard", "orders", poisonKey.shortForm(), "--reason",
                "sender resent it");

        assertThat(discarded.code()).as(discarded.out() + discarded.err()).isZero();
        assertThat(discarded.out()).contains("quarantined_acknowledged -> discarded");
        assertThat(cli("messages", "show", "orders", poisonKey.shortForm()).out())
                .contains("state         discarded").contains("next step     nothing");
        assertThat(cli("messages", "list", "--state", "quarantined_acknowledged").out())
                .doesNotContain(poisonKey.shortForm());
        assertThat(cli("messages", "list", "--direction", "in", "--state", "discarded").out())
                .contains(poisonKey.shortForm());
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            assertThat(new JdbiMessageQueriesAdapter(db).waitingForPerson()).as("gauges and readiness")
                    .noneMatch(w -> w.state() == WaitingState.QUARANTINED_ACKNOWLEDGED);
        }
        Path export = dir.resolve("audit-discard.jsonl");
        assertThat(cli("audit", "export", "--integration", "orders", "--output", export.toString()).code()).isZero();
        assertThat(Files.readAllLines(export)).anySatisfy(l -> assertThat(l).contains("\"message_discarded\"")
                .contains("\"ok\"").contains("sender resent it").contains("\"orders\""));
    }

    /** Issue 14: a document refused by the connector is retried from its file as the clerk corrected it in failed/. */
    @Test
    void retriesALocalRefusalFromItsFileCorrectedInFailedAndReportsOneStillRefusedAsLocal() throws Exception {
        Path secret = dir.resolve("orders.secret");
        Files.writeString(secret, "not-used-by-this-command");
        Files.writeString(dir.resolve("jakamo-connector.yml"), "node: messages-test\ndataDirectory: ./data\n"
                + "integrations:\n  - name: orders\n    kind: purchase-orders\n    environment: demo\n"
                + "    clientId: 3f0c2a9e-0000-4000-8000-00000000000a\n    clientSecret: { file: " + secret + " }\n");
        byte[] cut = "<Order><cbc:ID>cut".getBytes(StandardCharsets.UTF_8);
        long id;
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            JdbiSyncStateAdapter state = new JdbiSyncStateAdapter(db, new JdbiAuditTrailAdapter(db,
                    AuditSigningKey.loadOrCreate(dir.resolve("keys")), Clock.systemUTC()));
            id = ((OutboundRegistration.Registered) state.registerOutbound(ORDERS, new OutgoingDocument(
                    new ErpDocumentRef("po-40.xml"), new Document(DocumentType.UNKNOWN, null, cut), "po-40.xml"),
                    Optional.of("the document is not well-formed XML"), Instant.now())).record().id();
        }
        Path failed = dir.resolve("erp/orders/failed");
        Files.createDirectories(failed);
        Files.write(failed.resolve("po-40.xml"), "<Order><cbc:ID>still cut".getBytes(StandardCharsets.UTF_8));

        Cli.Run still = cli("messages", "retry", String.valueOf(id), "--reason", "fixed the file");
        assertThat(still.code()).as(still.out() + still.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(still.err()).contains("still refused by the connector (not sent to Jakamo)");
        assertThat(Files.readString(failed.resolve("po-40.xml.error.txt"))).contains("NOT sent")
                .doesNotContain("sent to Jakamo and REFUSED");

        byte[] corrected = Documents.order("PO-40").getBytes(StandardCharsets.UTF_8);
        Files.write(failed.resolve("po-40.xml"), corrected);
        Cli.Run retried = cli("messages", "retry", String.valueOf(id), "--reason", "fixed the file");

        assertThat(retried.code()).as(retried.out() + retried.err()).isZero();
        assertThat(retried.out()).contains("failed -> pending");
        assertThat(cli("messages", "show", String.valueOf(id)).out()).contains("state         pending")
                .contains(Sha256.of(corrected).hex());
        Path export = dir.resolve("audit-retry.jsonl");
        assertThat(cli("audit", "export", "--integration", "orders", "--output", export.toString()).code()).isZero();
        assertThat(Files.readAllLines(export)).anySatisfy(l -> assertThat(l).contains("\"document_retried\"")
                .contains("\"ok\"").contains(Sha256.of(corrected).hex()).contains("fixed the file"));
    }

    /** Issue 14: a retried change whose Order cannot go is held, and both the retry and show say what to do first. */
    @Test
    void aRetriedChangeWhoseOrderFailedSaysItIsHeldAndWhatToDoFirst() throws Exception {
        DocumentReader reader = new DocumentReader();
        long order;
        long change;
        try (EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(dir.resolve("data"), 0)) {
            db.start();
            JdbiSyncStateAdapter state = new JdbiSyncStateAdapter(db, new JdbiAuditTrailAdapter(db,
                    AuditSigningKey.loadOrCreate(dir.resolve("keys")), Clock.systemUTC()));
            long[] ids = new long[2];
            // the story of the issue: the change went first and Jakamo refused it (no such order); then the Order
            String[] xml = {Documents.orderChange("PO-50", 1), Documents.order("PO-50")};
            for (int i = 0; i < 2; i++) {
                String file = "po-50-" + i + ".xml";
                ids[i] = ((OutboundRegistration.Registered) state.registerOutbound(ORDERS, new OutgoingDocument(
                        new ErpDocumentRef(file), reader.readDocument(xml[i].getBytes(StandardCharsets.UTF_8)), file),
                        Optional.empty(), Instant.now())).record().id();
                state.claimNext(ORDERS, "test", Instant.now(), Duration.ofMinutes(5)).orElseThrow();
                state.markSending(ids[i], "test", Instant.now());
                state.recordOutcome(ids[i], "test", new AttemptEnd.Refused("HTTP 422: refused"), Instant.now());
            }
            change = ids[0];
            order = ids[1];
        }

        Cli.Run retried = cli("messages", "retry", String.valueOf(change), "--reason", "seller mapped");

        assertThat(retried.code()).as(retried.out() + retried.err()).isZero();
        assertThat(retried.out()).contains("failed -> pending; held: it waits for Order " + order
                + " of order PO-50 (failed)").contains("messages show " + order);
        assertThat(cli("messages", "show", String.valueOf(change)).out())
                .contains("next step     held: it waits for Order " + order);
    }
}
