package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.ClaimedWrite;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundWork;
import io.jakamoconnector.domain.port.out.QueueLease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncStateIT {
    static final IntegrationName ORDERS = new IntegrationName("orders");
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    static final Duration TTL = Duration.ofMinutes(5);

    private TestDatabase db;
    private JdbiSyncStateAdapter state;
    private PostgresQueueLeaseAdapter leases;
    private QueueLease lease;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        state = TestDatabase.syncState(db.database());
        leases = new PostgresQueueLeaseAdapter(db.database());
        lease = leases.tryAcquire(ORDERS, "test").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        lease.close();
        db.close();
    }

    // ---- inbound ----

    /**
     * The statements a new message's record sends: the insert fenced by the lease's token and lock (one statement,
     * the token read FOR SHARE inside it), the delivery's update with the earlier message's acknowledgement in the same
     * statement, then the audit chain's head lock and its events; four round trips and the commit.
     */
    @Test
    void aNewMessageIsInsertedAndFencedInOneStatementWithTheEarlierAcknowledgementInTheDeliverysUpdate() {
        state.recordDelivered(receipt(30), lease, () -> "a.xml");
        List<String> statements = Collections.synchronizedList(new ArrayList<>());
        db.database().jdbi().getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setSqlLogger(
                new org.jdbi.v3.core.statement.SqlLogger() {
                    @Override
                    public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                        statements.add(context.getRenderedSql());
                    }
                });
        var earlier = new io.jakamoconnector.domain.model.sync.InboundAcknowledgement(ORDERS, receipt(30).dedupKey(),
                T0.plusSeconds(1), List.of(AuditEvents.event(30)));

        assertThat(state.recordDelivered(receipt(31), lease, Optional.of(earlier), () -> "b.xml",
                record -> List.of(AuditEvents.event(31)))).isInstanceOf(InboundRecording.Recorded.class);

        assertThat(statements).satisfiesExactly(
                insert -> assertThat(insert).contains("FOR SHARE").contains("pg_locks")
                        .contains("INSERT INTO inbound_message"),
                delivered -> assertThat(delivered).contains("SET delivered_as").contains("SET acknowledged_at"),
                head -> assertThat(head).contains("audit_head").contains("FOR UPDATE"),
                events -> assertThat(events).contains("INSERT INTO audit_event"));
        assertThat(state.findInbound(ORDERS, receipt(30).dedupKey()).orElseThrow().state())
                .isEqualTo(InboundState.ACKNOWLEDGED);
    }

    @Test
    void recordsADeliveryOnceAndRecognisesTheRedelivery() {
        InboundReceipt receipt = receipt(1);
        AtomicInteger deliveries = new AtomicInteger();
        InboundRecording first = state.recordDelivered(receipt, lease, () -> "file-" + deliveries.incrementAndGet());
        InboundRecording again = state.recordDelivered(receipt, lease, () -> "file-" + deliveries.incrementAndGet());

        assertThat(first).isInstanceOf(InboundRecording.Recorded.class);
        assertThat(again).isInstanceOf(InboundRecording.AlreadyKnown.class);
        assertThat(deliveries).hasValue(1);
        InboundRecord record = ((InboundRecording.Recorded) first).record();
        assertThat(record.state()).isEqualTo(InboundState.DELIVERED);
        assertThat(record.deliveredAs()).contains("file-1");
        assertThat(record.deliveries()).isEqualTo(1);
        assertThat(record.receivedAt()).isEqualTo(T0);
        assertThat(record.businessKey()).contains(new BusinessKey("PO-1"));
        assertThat(record.type()).isEqualTo(DocumentType.ORDER);
        assertThat(state.findInbound(ORDERS, receipt.dedupKey())).contains(record);
        assertThat(state.findInbound(new IntegrationName("claims"), receipt.dedupKey())).isEmpty();
    }

    @Test
    void aDeliveryThatThrowsLeavesNothingBehind() {
        InboundReceipt receipt = receipt(2);
        assertThatThrownBy(() -> state.recordDelivered(receipt, lease, () -> {
            throw new IllegalStateException("disk full");
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(state.findInbound(ORDERS, receipt.dedupKey())).isEmpty();
        assertThat(state.recordDelivered(receipt, lease, () -> "second try"))
                .isInstanceOf(InboundRecording.Recorded.class);
    }

    @Test
    void quarantineKeepsTheRawBytesAndTheReason() {
        InboundReceipt receipt = receipt(3);
        byte[] raw = "<not xml".getBytes(StandardCharsets.UTF_8);
        InboundRecording recording = state.recordQuarantined(receipt, lease, raw, "not well-formed");
        assertThat(recording).isInstanceOf(InboundRecording.Recorded.class);
        InboundRecord record = ((InboundRecording.Recorded) recording).record();
        assertThat(record.state()).isEqualTo(InboundState.QUARANTINED);
        assertThat(record.quarantineReason()).contains("not well-formed");
        assertThat(record.deliveries()).isZero();
        assertThat(state.quarantinedBytes(ORDERS, receipt.dedupKey())).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(raw));
        assertThat(state.recordQuarantined(receipt, lease, raw, "again"))
                .isInstanceOf(InboundRecording.AlreadyKnown.class);

        state.recordAcknowledged(ORDERS, receipt.dedupKey(), T0.plusSeconds(1));
        InboundRecord acked = state.findInbound(ORDERS, receipt.dedupKey()).orElseThrow();
        assertThat(acked.state()).isEqualTo(InboundState.QUARANTINED_ACKNOWLEDGED);
        assertThat(acked.acknowledgedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void acknowledgementIsRecordedOnceAndKeepsTheFirstTime() {
        InboundReceipt receipt = receipt(4);
        state.recordDelivered(receipt, lease, () -> "f");
        state.recordAcknowledged(ORDERS, receipt.dedupKey(), T0.plusSeconds(5));
        state.recordAcknowledged(ORDERS, receipt.dedupKey(), T0.plusSeconds(9));
        InboundRecord record = state.findInbound(ORDERS, receipt.dedupKey()).orElseThrow();
        assertThat(record.state()).isEqualTo(InboundState.ACKNOWLEDGED);
        assertThat(record.acknowledgedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void concurrentRecordersOfTheSameMessagesDeliverEachExactlyOnce() throws Exception {
        int messages = 200;
        int threads = 8;
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger recorded = new AtomicInteger();
        runConcurrently(threads, t -> {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                order.add(i);
            }
            Collections.shuffle(order);
            for (int i : order) {
                InboundReceipt receipt = receipt(1000 + i);
                InboundRecording r = state.recordDelivered(receipt, lease, () -> {
                    deliveries.computeIfAbsent(receipt.dedupKey().value(), k -> new AtomicInteger()).incrementAndGet();
                    return "file-" + i;
                });
                if (r instanceof InboundRecording.Recorded) {
                    recorded.incrementAndGet();
                }
            }
        });
        assertThat(recorded).hasValue(messages);
        assertThat(deliveries).hasSize(messages);
        assertThat(deliveries.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(count("SELECT count(*) FROM inbound_message")).isEqualTo(messages);
    }

    // ---- outbound ----

    @Test
    void registersTheSameBytesOnlyOncePerIntegration() {
        OutgoingDocument doc = document("a.xml", DocumentType.ORDER, "PO-9", "order 9");
        OutboundRegistration first = state.registerOutbound(ORDERS, doc, Optional.empty(), T0);
        OutboundRegistration renamed = state.registerOutbound(ORDERS,
                document("b.xml", DocumentType.ORDER, "PO-9", "order 9"), Optional.empty(), T0);
        OutboundRegistration elsewhere = state.registerOutbound(new IntegrationName("other"), doc,
                Optional.empty(), T0);

        assertThat(first).isInstanceOf(OutboundRegistration.Registered.class);
        assertThat(renamed).isInstanceOf(OutboundRegistration.AlreadyRegistered.class);
        assertThat(((OutboundRegistration.AlreadyRegistered) renamed).record().ref())
                .isEqualTo(new ErpDocumentRef("a.xml"));
        assertThat(elsewhere).isInstanceOf(OutboundRegistration.Registered.class);
        OutboundRecord record = ((OutboundRegistration.Registered) first).record();
        assertThat(record.state()).isEqualTo(OutboundState.PENDING);
        assertThat(record.createdAt()).isEqualTo(T0);
        assertThat(record.sha256()).isEqualTo(doc.document().sha256());
        assertThat(record.archived()).isFalse();
    }

    @Test
    void aDocumentRefusedOnReadingIsRegisteredFailedWithItsError() {
        OutboundRecord record = registered(document("x.xml", DocumentType.UNKNOWN, null, "junk"),
                Optional.of("not XML"));
        assertThat(record.state()).isEqualTo(OutboundState.FAILED);
        assertThat(record.lastError()).contains("not XML");
        assertThat(state.claimNext(ORDERS, "w", T0, TTL)).isEmpty();
        assertThat(state.unarchived(ORDERS)).extracting(OutboundRecord::id).containsExactly(record.id());
        state.markArchived(record.id(), T0);
        assertThat(state.unarchived(ORDERS)).isEmpty();
        assertThat(state.findOutbound(record.id()).orElseThrow().archived()).isTrue();
    }

    @Test
    void concurrentRegistrationsOfTheSameFilesMakeOneRowEach() throws Exception {
        int files = 200;
        AtomicInteger registered = new AtomicInteger();
        runConcurrently(8, t -> {
            for (int i = 0; i < files; i++) {
                if (state.registerOutbound(ORDERS, document("f" + i + ".xml", DocumentType.ORDER, "PO-" + i,
                        "body " + i), Optional.empty(), T0) instanceof OutboundRegistration.Registered) {
                    registered.incrementAndGet();
                }
            }
        });
        assertThat(registered).hasValue(files);
        assertThat(count("SELECT count(*) FROM outbound_document")).isEqualTo(files);
    }

    @Test
    void claimsGiveTheExactBytesAndFollowTheStates() {
        byte[] bytes = "<Order>\u00e4 exact</Order>".getBytes(StandardCharsets.UTF_8);
        OutgoingDocument doc = new OutgoingDocument(new ErpDocumentRef("po.xml"),
                new Document(DocumentType.ORDER, new BusinessKey("PO-1"), bytes), "po.xml");
        OutboundRecord record = registered(doc, Optional.empty());

        OutboundWork work = state.claimNext(ORDERS, "w1", T0, TTL).orElseThrow();
        assertThat(work.document().document().bytes()).isEqualTo(bytes);
        assertThat(work.document().fileName()).isEqualTo("po.xml");
        assertThat(work.record().claimedBy()).contains("w1");
        assertThat(state.claimNext(ORDERS, "w2", T0.plusSeconds(1), TTL)).as("claimed").isEmpty();

        assertThat(state.markSending(record.id(), "w2", T0)).isInstanceOf(ClaimedWrite.ClaimLost.class);
        state.markSending(record.id(), "w1", T0.plusSeconds(1));
        OutboundRecord sending = state.findOutbound(record.id()).orElseThrow();
        assertThat(sending.state()).isEqualTo(OutboundState.SENDING);
        assertThat(sending.attempts()).isEqualTo(1);

        state.recordOutcome(record.id(), "w1", new AttemptEnd.RetryAt(T0.plusSeconds(60), "503"), T0.plusSeconds(2));
        assertThat(state.claimNext(ORDERS, "w2", T0.plusSeconds(59), TTL)).as("not due yet").isEmpty();
        OutboundWork again = state.claimNext(ORDERS, "w2", T0.plusSeconds(60), TTL).orElseThrow();
        assertThat(again.record().attempts()).isEqualTo(1);
        assertThat(again.record().lastError()).contains("503");
        state.markSending(record.id(), "w2", T0.plusSeconds(61));
        state.recordOutcome(record.id(), "w2", new AttemptEnd.Sent(), T0.plusSeconds(62));
        OutboundRecord sent = state.findOutbound(record.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(OutboundState.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.claimedBy()).isEmpty();
        assertThat(state.unarchived(ORDERS)).extracting(OutboundRecord::id).containsExactly(record.id());
    }

    @Test
    void anExpiredClaimIsFreeAgainAndTheOldClaimantCannotSend() {
        OutboundRecord record = registered(document("a.xml", DocumentType.ORDER, "PO-1", "a"),
                Optional.empty());
        state.claimNext(ORDERS, "dead-worker", T0, TTL).orElseThrow();
        assertThat(state.claimNext(ORDERS, "w2", T0.plus(TTL), TTL)).as("exactly at the TTL").isEmpty();
        OutboundWork taken = state.claimNext(ORDERS, "w2", T0.plus(TTL).plusMillis(1), TTL).orElseThrow();
        assertThat(taken.record().id()).isEqualTo(record.id());
        assertThat(state.markSending(record.id(), "dead-worker", T0.plus(TTL)))
                .isInstanceOf(ClaimedWrite.ClaimLost.class);
    }

    @Test
    void aSendAbandonedPastItsClaimBecomesInDoubt() {
        OutboundRecord record = registered(document("a.xml", DocumentType.ORDER, "PO-1", "a"),
                Optional.empty());
        state.claimNext(ORDERS, "w1", T0, TTL).orElseThrow();
        state.markSending(record.id(), "w1", T0);
        assertThat(state.expireAbandonedSends(ORDERS, T0.plus(TTL), TTL)).isEmpty();
        List<OutboundRecord> expired = state.expireAbandonedSends(ORDERS, T0.plus(TTL).plusSeconds(1), TTL);
        assertThat(expired).extracting(OutboundRecord::id).containsExactly(record.id());
        assertThat(expired.get(0).state()).isEqualTo(OutboundState.IN_DOUBT);
        assertThat(expired.get(0).lastError()).hasValueSatisfying(e -> assertThat(e).contains("w1"));
        assertThat(state.claimNext(ORDERS, "w2", T0.plus(TTL).plusSeconds(2), TTL)).as("never resent").isEmpty();
    }

    @Test
    void documentsOfOneOrderWaitForTheOrderAndThenGoInTheirRecordedOrder() {
        OutboundRecord attachment = registered(document("att.pdf", DocumentType.ATTACHMENT, "PO-7", "pdf"),
                Optional.empty());
        OutboundRecord change = registered(document("c.xml", DocumentType.ORDER_CHANGE, "PO-7", "change"),
                Optional.empty());
        OutboundRecord order = registered(document("o.xml", DocumentType.ORDER, "PO-7", "order"),
                Optional.empty());
        OutboundRecord status = registered(document("s.xml", DocumentType.STATUS_MESSAGE, "PO-7", "status"),
                Optional.empty());
        OutboundRecord other = registered(document("x.xml", DocumentType.ORDER, "PO-8", "other"),
                Optional.empty());

        // one claimant per claim held at once: a claimant that claims again retakes its own unsent claim
        assertThat(claimId("w1", T0)).as("the order first, though recorded after").contains(order.id());
        assertThat(claimId("w2", T0)).as("other orders do not wait").contains(other.id());
        assertThat(claimId("w3", T0)).isEmpty();

        state.markSending(order.id(), "w1", T0);
        state.recordOutcome(order.id(), "w1", new AttemptEnd.Refused("refused"), T0);
        assertThat(claimId("w1", T0)).as("a failed order still holds the rest back").isEmpty();
        // the operator fixed it and sent it again
        new JdbiOperatorCorrectionsAdapter(db.database(), () -> TestDatabase.auditTrail(db.database())).correctOutbound(
                order.id(), io.jakamoconnector.domain.model.sync.OutboundFix.RETRY,
                new io.jakamoconnector.domain.model.sync.OperatorDecision("operator", "mapping fixed"), T0,
                applied -> List.of());
        assertThat(claimId("w1", T0)).contains(order.id());
        state.markSending(order.id(), "w1", T0);
        state.recordOutcome(order.id(), "w1", new AttemptEnd.Sent(), T0);
        assertThat(claimId("w1", T0)).contains(attachment.id());
        assertThat(claimId("w3", T0)).contains(change.id());
        assertThat(claimId("w4", T0)).as("the status waits for the change").isEmpty();
        state.markSending(change.id(), "w3", T0);
        state.recordOutcome(change.id(), "w3", new AttemptEnd.Sent(), T0);
        assertThat(claimId("w4", T0)).contains(status.id());
    }

    @Test
    void fourWorkersSplitTheWorkAndNeverClaimADocumentTwice() throws Exception {
        int documents = 1000;
        for (int i = 0; i < documents; i++) {
            registered(document("d" + i + ".xml", DocumentType.ORDER, i % 3 == 0 ? null : "PO-" + i, "doc " + i),
                    Optional.empty());
        }
        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> perWorker = new ConcurrentHashMap<>();
        runConcurrently(4, worker -> {
            String name = "worker-" + worker;
            perWorker.put(name, new AtomicInteger());
            Instant now = T0;
            while (true) {
                Optional<OutboundWork> work = state.claimNext(ORDERS, name, now, TTL);
                if (work.isEmpty()) {
                    return;
                }
                long id = work.get().record().id();
                if (claimedBy.putIfAbsent(id, name) != null) {
                    duplicates.add(id);
                }
                perWorker.get(name).incrementAndGet();
                state.markSending(id, name, now);
                state.recordOutcome(id, name, new AttemptEnd.Sent(), now);
            }
        });
        assertThat(duplicates).isEmpty();
        assertThat(claimedBy).hasSize(documents);
        assertThat(perWorker.values()).allSatisfy(n -> assertThat(n.get()).as("each worker got work").isPositive());
        assertThat(count("SELECT count(*) FROM outbound_document WHERE state = 'SENT' AND attempts = 1"))
                .isEqualTo(documents);
    }

    @Test
    void timesSurviveTheRoundTripWhateverTheJvmTimeZone() {
        Instant odd = Instant.parse("2026-10-25T00:59:59.999999Z");   // a DST change in Europe
        OutboundRecord record = registered(document("t.xml", DocumentType.ORDER, "PO-T", "t"), Optional.empty(), odd);
        assertThat(record.createdAt()).isEqualTo(odd);
        assertThat(state.findOutbound(record.id()).orElseThrow().createdAt()).isEqualTo(odd);
    }

    @Test
    void anOutcomeForAnUnknownDocumentIsALostClaim() {
        assertThat(state.recordOutcome(999_999, "w", new AttemptEnd.Sent(), T0))
                .isInstanceOfSatisfying(ClaimedWrite.ClaimLost.class,
                        lost -> assertThat(lost.why()).contains("999999"));
        assertThat(state.findOutbound(999_999)).isEmpty();
    }

    // ---- helpers ----

    private Optional<Long> claimId(String claimant, Instant now) {
        return state.claimNext(ORDERS, claimant, now, TTL).map(w -> w.record().id());
    }

    private OutboundRecord registered(OutgoingDocument doc, Optional<String> refusal) {
        return registered(doc, refusal, T0);
    }

    private OutboundRecord registered(OutgoingDocument doc, Optional<String> refusal, Instant at) {
        return ((OutboundRegistration.Registered) state.registerOutbound(ORDERS, doc, refusal, at)).record();
    }

    static OutgoingDocument document(String name, DocumentType type, String businessKey, String body) {
        return new OutgoingDocument(new ErpDocumentRef(name), new Document(type,
                businessKey == null ? null : new BusinessKey(businessKey), body.getBytes(StandardCharsets.UTF_8)),
                name);
    }

    static InboundReceipt receipt(int n) {
        Sha256 sha = Sha256.of(("message " + n).getBytes(StandardCharsets.UTF_8));
        DedupKey key = new DedupKey(Sha256.of(("key " + n).getBytes(StandardCharsets.UTF_8)).hex());
        return new InboundReceipt(ORDERS, key, DocumentType.ORDER, Optional.of(new BusinessKey("PO-" + n)), sha, T0);
    }

    private long count(String sql) {
        return db.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    interface Worker {
        void run(int index) throws Exception;
    }

    /** Runs {@code threads} workers released at once and rethrows the first failure. */
    static void runConcurrently(int threads, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    worker.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Set<Long> ids(List<OutboundRecord> records) {
        Set<Long> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.id()));
        return ids;
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    // ---- audit events in the state change's transaction ----

    /**
     * State changes that write their events in their own transactions and plain appends that the trail combines,
     * from many threads at once: one gap-free chain that verifies, every event exactly once, and each change's events
     * next to each other in the order given (the head's lock is taken once per transaction).
     */
    @Test
    void stateChangesAndPlainAppendsFromManyThreadsKeepOneIntactChain() throws Exception {
        JdbiAuditTrailAdapter trail = TestDatabase.auditTrail(db.database());
        JdbiSyncStateAdapter audited = new JdbiSyncStateAdapter(db.database(), () -> trail, event -> { });
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    if (thread % 2 == 0) {
                        trail.append(event("plain " + id));
                    } else {
                        InboundReceipt receipt = new InboundReceipt(ORDERS,
                                new DedupKey(Sha256.of(("chain" + id).getBytes(StandardCharsets.UTF_8)).hex()),
                                DocumentType.ORDER, Optional.of(new BusinessKey("PO-" + id)),
                                Sha256.of(id.getBytes(StandardCharsets.UTF_8)), T0);
                        audited.recordDelivered(receipt, lease, () -> "f-" + id,
                                r -> List.of(event("saved " + id), event("delivered " + r.deliveredAs().orElseThrow())));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(trail.verify()).isInstanceOf(io.jakamoconnector.domain.model.audit.AuditVerification.Intact.class);
        List<String> reasons = db.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT reason FROM audit_event ORDER BY seq").mapTo(String.class).list());
        long expected = (long) (threads / 2) * perThread * 3;
        assertThat(reasons).hasSize((int) expected).doesNotHaveDuplicates();
        List<Long> seqs = db.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT seq FROM audit_event ORDER BY seq").mapTo(Long.class).list());
        assertThat(seqs.get(seqs.size() - 1)).as("gap-free").isEqualTo(expected);
        for (int i = 0; i < reasons.size(); i++) {
            if (reasons.get(i).startsWith("saved ")) {
                String id = reasons.get(i).substring("saved ".length());
                assertThat(reasons.get(i + 1)).isEqualTo("delivered f-" + id);
            }
        }
    }

    private static io.jakamoconnector.domain.model.audit.AuditEvent event(String reason) {
        return io.jakamoconnector.domain.model.audit.AuditEvent.builder(
                        io.jakamoconnector.domain.model.audit.AuditAction.MESSAGE_SAVED,
                        io.jakamoconnector.domain.model.audit.AuditOutcome.OK)
                .at(Instant.now()).node("node-1").actor("connector").integration(ORDERS).reason(reason).build();
    }
}
