package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ConfirmUrl;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.ClaimedWrite;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundAcknowledgement;
import io.jakamoconnector.domain.model.sync.InboundReceipt;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.InboundRecording;
import io.jakamoconnector.domain.model.sync.InboundState;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundRegistration;
import io.jakamoconnector.domain.model.sync.OutboundState;
import io.jakamoconnector.domain.model.sync.OutboundWork;
import io.jakamoconnector.domain.model.sync.QueueClearing;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.StateStoreException;
import io.jakamoconnector.domain.port.out.InboundStatePort;
import io.jakamoconnector.domain.port.out.OutboundStatePort;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/**
 * The sync state in PostgreSQL. Inbound: the dedup check, the ERP delivery and the record are one transaction
 * ({@code ON CONFLICT DO NOTHING} on (integration, dedup key)), fenced by the queue lease's token, which is read
 * {@code FOR SHARE} in that transaction (by the insert's own statement) so a takeover waits for it or makes it fail. Outbound: at most one row per
 * (integration, SHA-256), claimed with {@code FOR UPDATE SKIP LOCKED}.
 *
 * <p>A state change's audit events are appended to the chain as the last step of its transaction
 * ({@link JdbiAuditTrailAdapter#appendWithin}), so the head's lock is held only for the insert and the commit, and the
 * change and its events cost one commit together.
 */
public final class JdbiSyncStateAdapter implements InboundStatePort, OutboundStatePort {
    /** The document types a stopped sender's attempt is simply repeated for, by their stored names. */
    private static final List<String> REPEATABLE = Arrays.stream(DocumentType.values())
            .filter(DocumentType::repeatable).map(DocumentType::name).toList();
    private final PostgresDatabase database;
    private final Supplier<JdbiAuditTrailAdapter> trail;
    private final Consumer<AuditEvent> committed;

    /**
     * Takes a database that is (or will be, before the first call) started, the audit trail on the same database
     * (asked for at the first change with events, so it may be made after this adapter), and what to tell about each
     * event once its transaction has committed (a metric; it must not throw).
     */
    public JdbiSyncStateAdapter(PostgresDatabase database, Supplier<JdbiAuditTrailAdapter> trail,
                                Consumer<AuditEvent> committed) {
        this.database = Objects.requireNonNull(database, "database");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.committed = Objects.requireNonNull(committed, "committed");
    }

    public JdbiSyncStateAdapter(PostgresDatabase database, JdbiAuditTrailAdapter trail) {
        this(database, () -> trail, event -> { });
        Objects.requireNonNull(trail, "trail");
    }

    // ---- inbound ----

    @Override
    public InboundRecording recordDelivered(InboundReceipt receipt, QueueLease lease,
                                            Optional<InboundAcknowledgement> earlier, Supplier<String> delivery,
                                            Function<InboundRecord, List<AuditEvent>> audit) {
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(audit, "audit");
        return inTransaction("recording inbound message " + receipt.dedupKey().shortForm(), (h, events) -> {
            // the acknowledgement before is recorded with the delivery's mark, in its statement
            InboundRecording recording = record(h, receipt, lease, null, null, delivery, earlier);
            if (recording instanceof InboundRecording.Recorded recorded) {
                earlier.ifPresent(a -> events.addAll(a.audit()));
                events.addAll(audit.apply(recorded.record()));
            }
            return recording;
        });
    }

    @Override
    public InboundRecording recordQuarantined(InboundReceipt receipt, QueueLease lease,
                                              Optional<InboundAcknowledgement> earlier, byte[] raw, String reason,
                                              List<AuditEvent> audit) {
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
        return inTransaction("quarantining inbound message " + receipt.dedupKey().shortForm(), (h, events) -> {
            InboundRecording recording = record(h, receipt, lease, raw, reason, null, Optional.empty());
            if (recording instanceof InboundRecording.Recorded) {
                earlier.ifPresent(a -> events.addAll(acknowledge(h, a)));
                events.addAll(audit);
            }
            return recording;
        });
    }

    /**
     * Inserts (fenced), delivers and marks the message delivered; {@code earlier}, an acknowledgement to record with a
     * delivered message, is recorded in the mark's statement. On a {@link PostgresQueueLeaseAdapter} lease (the
     * drain's path) it runs Handle statements: a SqlObject attached per transaction and a proxy call per statement
     * were half the drain's own CPU.
     */
    private InboundRecording record(Handle h, InboundReceipt receipt, QueueLease lease, byte[] raw, String reason,
                                    Supplier<String> delivery, Optional<InboundAcknowledgement> earlier) {
        if (lease instanceof PostgresQueueLeaseAdapter.PostgresLease postgresLease) {
            return recordFenced(h, receipt, postgresLease, raw, reason, delivery, earlier);
        }
        InboundMessageDao dao = h.attach(InboundMessageDao.class);
        String integration = receipt.integration().value();
        boolean quarantine = raw != null;
        Optional<InboundMessageRow> inserted = dao.insertIfNew(integration, receipt.dedupKey().value(),
                receipt.type().name(), receipt.businessKey().map(BusinessKey::value).orElse(null),
                receipt.sha256().hex(), quarantine ? InboundState.QUARANTINED.name() : InboundState.DELIVERED.name(),
                receipt.receivedAt(), reason, raw, lease.fencingToken(),
                receipt.confirmUrl().map(ConfirmUrl::value).orElse(null));
        if (inserted.isPresent()) {
            // before anything is delivered or committed; a lost lease rolls the insert back
            Optional<String> lost = leaseLost(dao, receipt.integration(), lease);
            if (lost.isPresent()) {
                h.rollback();
                return new InboundRecording.LeaseLost(lost.get());
            }
        }
        if (inserted.isEmpty()) {
            // known: recorded before, or by another instance while we waited on the unique index (committed now)
            return new InboundRecording.AlreadyKnown(SyncStateMapper.inbound(
                    dao.find(integration, receipt.dedupKey().value()).orElseThrow()));
        }
        if (quarantine) {
            return new InboundRecording.Recorded(SyncStateMapper.inbound(inserted.get()));
        }
        // the row is inserted but uncommitted: a concurrent recorder of the same key waits here, and if the delivery
        // throws, the rollback removes the row
        String deliveredAs = Objects.requireNonNull(delivery.get(), "the delivery must say where it delivered");
        earlier.ifPresent(a -> acknowledge(h, a));
        return new InboundRecording.Recorded(SyncStateMapper.inbound(
                dao.markDelivered(inserted.get().id(), deliveredAs, receipt.receivedAt())));
    }

    /** {@link #record} under a PostgreSQL lease: three round trips, the earlier acknowledgement included. */
    private static InboundRecording recordFenced(Handle h, InboundReceipt receipt,
                                                 PostgresQueueLeaseAdapter.PostgresLease lease, byte[] raw,
                                                 String reason, Supplier<String> delivery,
                                                 Optional<InboundAcknowledgement> earlier) {
        requireLeaseOf(receipt.integration(), lease);
        String integration = receipt.integration().value();
        boolean quarantine = raw != null;
        // the fencing check (the token, and the lock still in the lease's session) and the insert in one statement;
        // a lost lease inserts nothing
        FencedInsertRow fenced = h.createQuery(InboundMessageDao.INSERT_IF_NEW_FENCED)
                .bind("integration", integration)
                .bind("dedupKey", receipt.dedupKey().value())
                .bind("documentType", receipt.type().name())
                .bind("businessKey", receipt.businessKey().map(BusinessKey::value).orElse(null))
                .bind("sha256", receipt.sha256().hex())
                .bind("state", quarantine ? InboundState.QUARANTINED.name() : InboundState.DELIVERED.name())
                .bind("receivedAt", receipt.receivedAt())
                .bind("quarantineReason", reason)
                .bind("quarantinedBytes", raw)
                .bind("fencingToken", lease.fencingToken())
                .bind("confirmUrl", receipt.confirmUrl().map(ConfirmUrl::value).orElse(null))
                .bind("holderPid", lease.backendPid())
                .bind("lockClassId", lease.lockClassId())
                .bind("lockObjectId", lease.lockObjectId())
                .map(FencedInsertRow.MAPPER).one();
        if (fenced.currentToken().isEmpty() || fenced.currentToken().get() != lease.fencingToken()) {
            return new InboundRecording.LeaseLost(tokenLost(receipt.integration(), lease, fenced.currentToken()));
        }
        if (!fenced.lockHeld()) {
            return new InboundRecording.LeaseLost("the queue lease of " + receipt.integration()
                    + " is no longer held: its database session ended (fencing token " + lease.fencingToken() + ")");
        }
        if (fenced.inserted().isEmpty()) {
            // known: recorded before, or by another instance while we waited on the unique index (committed now)
            return new InboundRecording.AlreadyKnown(SyncStateMapper.inbound(h.attach(InboundMessageDao.class)
                    .find(integration, receipt.dedupKey().value()).orElseThrow()));
        }
        InboundMessageRow inserted = fenced.inserted().get();
        if (quarantine) {
            return new InboundRecording.Recorded(SyncStateMapper.inbound(inserted));
        }
        // the row is inserted but uncommitted: a concurrent recorder of the same key waits here, and if the delivery
        // throws, the rollback removes the row
        String deliveredAs = Objects.requireNonNull(delivery.get(), "the delivery must say where it delivered");
        org.jdbi.v3.core.statement.Query mark = h.createQuery(earlier.isPresent()
                        ? InboundMessageDao.MARK_DELIVERED_ACKNOWLEDGING : InboundMessageDao.MARK_DELIVERED)
                .bind("deliveredAs", deliveredAs).bind("at", receipt.receivedAt()).bind("id", inserted.id());
        earlier.ifPresent(a -> bindAcknowledgement(mark, a));
        return new InboundRecording.Recorded(SyncStateMapper.inbound(
                mark.map(InboundMessageRowMapper.INSTANCE).one()));
    }

    /**
     * Why the lease is no longer held; empty while it is. For leases of {@link PostgresQueueLeaseAdapter} the token in
     * the table must be the lease's, read FOR SHARE so no takeover can commit before this transaction ends; that is the
     * proof, so the lease's own connection is not asked as well (a holder whose lock connection died but whom nobody
     * has replaced yet may still record: the row is the same either way, and it stops before acknowledging). Other
     * leases are asked.
     */
    private static Optional<String> leaseLost(InboundMessageDao dao, IntegrationName integration, QueueLease lease) {
        requireLeaseOf(integration, lease);
        if (lease instanceof PostgresQueueLeaseAdapter.PostgresLease) {
            Optional<Long> current = dao.currentFencingToken(integration.value());
            if (current.isEmpty() || current.get() != lease.fencingToken()) {
                return Optional.of(tokenLost(integration, lease, current));
            }
            return Optional.empty();
        }
        if (!lease.isHeld()) {
            return Optional.of("the queue lease of " + integration + " is no longer held (fencing token "
                    + lease.fencingToken() + ")");
        }
        return Optional.empty();
    }

    private static void requireLeaseOf(IntegrationName integration, QueueLease lease) {
        Objects.requireNonNull(lease, "lease");
        if (!lease.integration().equals(integration)) {
            throw new IllegalArgumentException("the queue lease is for " + lease.integration() + ", not "
                    + integration);
        }
    }

    private static String tokenLost(IntegrationName integration, QueueLease lease, Optional<Long> current) {
        return "the queue lease of " + integration + " is no longer held (fencing token " + lease.fencingToken()
                + ", current " + current.map(String::valueOf).orElse("none") + ")";
    }

    @Override
    public void recordAcknowledged(IntegrationName integration, DedupKey key, Instant at, List<AuditEvent> audit) {
        inTransaction("recording the acknowledgement of " + key.shortForm(), (h, events) ->
                events.addAll(acknowledge(h, new InboundAcknowledgement(integration, key, at, audit))));
    }

    /** Records {@code a} in the transaction open on {@code h}; returns its events, to append with it. */
    private static List<AuditEvent> acknowledge(Handle h, InboundAcknowledgement a) {
        bindAcknowledgement(h.createUpdate(InboundMessageDao.ACKNOWLEDGE), a).execute();
        return a.audit();
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindAcknowledgement(S statement,
                                                                                            InboundAcknowledgement a) {
        return statement.bind("ackIntegration", a.integration().value()).bind("ackKey", a.key().value())
                .bind("ackAt", a.at());
    }

    @Override
    public QueueClearing recordClearedBefore(QueueLease lease, DedupKey head, Instant at,
                                             Function<InboundRecord, List<AuditEvent>> audit) {
        Objects.requireNonNull(audit, "audit");
        IntegrationName integration = lease.integration();
        return inTransaction("recording messages cleared before " + head.shortForm(), (h, events) -> {
            InboundMessageDao dao = h.attach(InboundMessageDao.class);
            // the token FOR SHARE first: a takeover waits for this transaction or makes it fail
            Optional<String> lost = leaseLost(dao, integration, lease);
            if (lost.isPresent()) {
                return new QueueClearing.LeaseLost(lost.get());
            }
            List<InboundRecord> cleared = dao.acknowledgeAllBut(integration.value(), head.value(), at).stream()
                    .sorted(Comparator.comparingLong(InboundMessageRow::id)).map(SyncStateMapper::inbound).toList();
            cleared.forEach(record -> events.addAll(audit.apply(record)));
            return new QueueClearing.Cleared(cleared);
        });
    }

    @Override
    public Optional<InboundRecord> findInbound(IntegrationName integration, DedupKey key) {
        return withHandle("reading inbound message " + key.shortForm(), h ->
                h.attach(InboundMessageDao.class).find(integration.value(), key.value()).map(SyncStateMapper::inbound));
    }

    @Override
    public Optional<InboundRecord> findUnacknowledged(IntegrationName integration,
                                                      io.jakamoconnector.domain.model.document.Sha256 sha256) {
        return withHandle("finding an unacknowledged message " + sha256.shortForm(), h ->
                h.attach(InboundMessageDao.class).unacknowledged(integration.value(), sha256.hex())
                        .map(SyncStateMapper::inbound));
    }

    @Override
    public Optional<InboundRecord> latestOrderMessage(IntegrationName integration, BusinessKey orderNumber) {
        return withHandle("finding the last order message for " + orderNumber, h ->
                h.attach(InboundMessageDao.class).latestOrderMessage(integration.value(), orderNumber.value())
                        .map(SyncStateMapper::inbound));
    }

    @Override
    public Optional<InboundRecord> firstReceivedFor(IntegrationName integration, BusinessKey orderNumber,
                                                    Instant since) {
        return withHandle("finding messages received for " + orderNumber, h ->
                h.attach(InboundMessageDao.class).firstReceivedFor(integration.value(), orderNumber.value(), since)
                        .map(SyncStateMapper::inbound));
    }

    /** The raw bytes of a quarantined message, for an operator to inspect. */
    public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
        return withHandle("reading quarantined message " + key.shortForm(), h ->
                h.attach(InboundMessageDao.class).quarantinedBytes(integration.value(), key.value()));
    }

    // ---- outbound ----

    @Override
    public OutboundRegistration registerOutbound(IntegrationName integration, OutgoingDocument document,
                                                 Optional<String> refusal, Instant now,
                                                 Function<OutboundRecord, List<AuditEvent>> audit) {
        Objects.requireNonNull(refusal, "refusal");
        OutboundState initial = refusal.isPresent() ? OutboundState.FAILED : OutboundState.PENDING;
        Objects.requireNonNull(audit, "audit");
        Document doc = document.document();
        return inTransaction("registering outbound document " + document.ref(), (h, events) -> {
            OutboundDocumentDao dao = h.attach(OutboundDocumentDao.class);
            Optional<OutboundDocumentRow> inserted = dao.insertIfNew(integration.value(), document.ref().value(),
                    document.fileName(), doc.sha256().hex(), doc.type().name(),
                    doc.businessKey().map(BusinessKey::value).orElse(null), doc.bytes(), initial.name(),
                    refusal.orElse(null),
                    document.warnings().isEmpty() ? null : String.join("\n", document.warnings()), now);
            if (inserted.isPresent()) {
                OutboundRecord record = SyncStateMapper.outbound(inserted.get());
                events.addAll(audit.apply(record));
                return new OutboundRegistration.Registered(record);
            }
            return new OutboundRegistration.AlreadyRegistered(SyncStateMapper.outbound(
                    dao.sameDocument(integration.value(), doc.sha256().hex(),
                            doc.businessKey().map(BusinessKey::value).orElse(null)).orElseThrow()));
        });
    }

    @Override
    public Optional<OutboundWork> claimNext(IntegrationName integration, String claimant, Instant now,
                                            Duration claimTtl) {
        Objects.requireNonNull(claimant, "claimant");
        return inTransaction("claiming outbound work for " + integration, h -> {
            OutboundDocumentDao dao = h.attach(OutboundDocumentDao.class);
            Optional<OutboundDocumentRow> claimed = dao.claimNext(integration.value(), claimant, now,
                    now.minus(claimTtl));
            if (claimed.isEmpty()) {
                return Optional.<OutboundWork>empty();
            }
            OutboundDocumentRow row = claimed.get();
            Document document = new Document(DocumentType.valueOf(row.documentType()),
                    SyncStateMapper.businessKey(row.businessKey()).orElse(null), dao.content(row.id()));
            if (!document.sha256().hex().equals(row.sha256())) {
                throw new StateStoreException("outbound document " + row.id()
                        + ": the stored bytes no longer match their SHA-256", false, null);
            }
            OutgoingDocument outgoing = new OutgoingDocument(new ErpDocumentRef(row.erpRef()), document,
                    row.fileName());
            return Optional.of(new OutboundWork(SyncStateMapper.outbound(row), outgoing));
        });
    }

    @Override
    public ClaimedWrite markSending(long id, String claimant, Instant now, List<AuditEvent> audit) {
        return inTransaction("marking outbound document " + id + " as sending", (h, events) -> {
            if (h.attach(OutboundDocumentDao.class).markSending(id, claimant, now) != 1) {
                return new ClaimedWrite.ClaimLost("document " + id + " is not claimed by " + claimant
                        + " (or is no longer pending)");
            }
            events.addAll(audit);
            return new ClaimedWrite.Done();
        });
    }

    @Override
    public ClaimedWrite recordOutcome(long id, String claimant, AttemptEnd end, Instant now,
                                      List<AuditEvent> audit) {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(end, "end");
        return inTransaction("recording the outcome of outbound document " + id, (h, events) -> {
            if (h.attach(OutboundDocumentDao.class).recordOutcome(id, claimant, end.state().name(),
                    end.error().orElse(null), end.nextAttemptAt().orElse(null), now) != 1) {
                return new ClaimedWrite.ClaimLost("document " + id + " is no longer being sent by " + claimant
                        + " (its claim expired, or it does not exist); its outcome was not recorded");
            }
            events.addAll(audit);
            return new ClaimedWrite.Done();
        });
    }

    @Override
    public void markArchived(long id, Instant now, List<AuditEvent> audit) {
        inTransaction("marking outbound document " + id + " as archived", (h, events) -> {
            requireFound(id, h.attach(OutboundDocumentDao.class).markArchived(id, now));
            events.addAll(audit);
            return null;
        });
    }

    @Override
    public List<OutboundRecord> expireAbandonedSends(IntegrationName integration, Instant now, Duration claimTtl) {
        return withHandle("expiring abandoned sends of " + integration, h ->
                h.attach(OutboundDocumentDao.class).expireAbandonedSends(integration.value(), now, now.minus(claimTtl),
                                REPEATABLE)
                        .stream().sorted(Comparator.comparingLong(OutboundDocumentRow::id))
                        .map(SyncStateMapper::outbound).toList());
    }

    @Override
    public List<OutboundRecord> unarchived(IntegrationName integration) {
        return withHandle("listing unarchived documents of " + integration, h ->
                h.attach(OutboundDocumentDao.class).unarchived(integration.value()).stream()
                        .map(SyncStateMapper::outbound).toList());
    }

    @Override
    public Optional<OutboundRecord> findOutbound(long id) {
        return withHandle("reading outbound document " + id, h ->
                h.attach(OutboundDocumentDao.class).byId(id).map(SyncStateMapper::outbound));
    }

    private static void requireFound(long id, int updated) {
        if (updated != 1) {
            throw new StateStoreException("no outbound document " + id, false, null);
        }
    }

    private <T> T withHandle(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return database.jdbi().withHandle(work);
        } catch (JdbiException e) {
            throw SqlFailures.translate(what, e);
        }
    }

    private <T> T inTransaction(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return database.jdbi().inTransaction(work);
        } catch (JdbiException e) {
            throw SqlFailures.translate(what, e);
        }
    }

    /** A unit of work that adds the audit events to write with it to {@code events}. */
    @FunctionalInterface
    private interface AuditedWork<T> {
        T run(Handle h, List<AuditEvent> events);
    }

    /**
     * Runs {@code work} and appends the events it collected as the transaction's last step; once committed, reports
     * them. A refusal thrown by {@code work} rolls everything back, events included.
     */
    private <T> T inTransaction(String what, AuditedWork<T> work) {
        List<AuditEvent> events = new java.util.ArrayList<>();
        T result = inTransaction(what, h -> {
            events.clear();     // a retried transaction starts afresh
            T value = work.run(h, events);
            if (!events.isEmpty()) {
                trail.get().appendWithin(h, events);
            }
            return value;
        });
        events.forEach(committed);
        return result;
    }
}
