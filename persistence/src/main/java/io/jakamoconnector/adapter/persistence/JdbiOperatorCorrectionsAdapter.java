package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OperatorDecision;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.port.out.OperatorCorrectionsPort;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * An operator's corrections: the document locked ({@code FOR UPDATE}, so a sender's claim or outcome waits), changed
 * as {@link OutboundFix#applyTo} says, the decision kept with it, and the audit events appended in the same
 * transaction ({@link JdbiAuditTrailAdapter#appendWithin}): a failed insert into the trail rolls the change back.
 * A quarantined message is redelivered the same way: locked, staged for the ERP inside the transaction, recorded
 * delivered without its kept bytes, audited.
 */
public final class JdbiOperatorCorrectionsAdapter implements OperatorCorrectionsPort {
    private final PostgresDatabase database;
    private final Supplier<JdbiAuditTrailAdapter> trail;

    /** Takes the audit trail on the same database (asked for at the first correction). */
    public JdbiOperatorCorrectionsAdapter(PostgresDatabase database, Supplier<JdbiAuditTrailAdapter> trail) {
        this.database = Objects.requireNonNull(database, "database");
        this.trail = Objects.requireNonNull(trail, "trail");
    }

    @Override
    public OutboundCorrection correctOutbound(long id, OutboundFix fix, OperatorDecision decision, Instant now,
                                              Function<OutboundCorrection.Applied, List<AuditEvent>> audit) {
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(audit, "audit");
        try {
            return database.jdbi().inTransaction(h -> {
                Optional<OutboundRecord> before = h.createQuery("SELECT " + OutboundDocumentDao.COLUMNS
                                + " FROM outbound_document WHERE id = :id FOR UPDATE")
                        .bind("id", id).map(ConstructorMapper.of(OutboundDocumentRow.class)).findOne()
                        .map(SyncStateMapper::outbound);
                if (before.isEmpty()) {
                    return new OutboundCorrection.Refused(id, "there is no outbound document " + id);
                }
                Optional<OutboundRecord> wanted = fix.applyTo(before.get());
                if (wanted.isEmpty()) {
                    return new OutboundCorrection.Refused(id, fix.refusalFor(before.get()).orElseThrow());
                }
                OutboundRecord to = wanted.get();
                OutboundDocumentRow after = h.createQuery("UPDATE outbound_document SET state = :state, "
                                + "attempts = :attempts, last_error = :lastError, next_attempt_at = NULL, "
                                + "claimed_by = NULL, claimed_at = NULL, archived_at = NULL, "
                                + "resolved_by = :operator, resolved_at = :now, resolution_note = :why, "
                                + "updated_at = :now WHERE id = :id RETURNING " + OutboundDocumentDao.COLUMNS)
                        .bind("state", to.state().name()).bind("attempts", to.attempts())
                        .bind("lastError", to.lastError().orElse(null)).bind("operator", decision.operator())
                        .bind("now", now).bind("why", decision.reason()).bind("id", id)
                        .map(ConstructorMapper.of(OutboundDocumentRow.class)).one();
                OutboundCorrection.Applied applied = new OutboundCorrection.Applied(before.get(),
                        SyncStateMapper.outbound(after));
                trail.get().appendWithin(h, audit.apply(applied));
                return applied;
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("correcting outbound document " + id, e);
        }
    }

    @Override
    public Optional<OutboundRecord> findOutbound(long id) {
        try {
            return database.jdbi().withHandle(h -> h.attach(OutboundDocumentDao.class).byId(id)
                    .map(SyncStateMapper::outbound));
        } catch (JdbiException e) {
            throw SqlFailures.translate("reading outbound document " + id, e);
        }
    }

    @Override
    public OutboundCorrection retryCorrected(long id, Sha256 recorded, Document corrected, OperatorDecision decision,
                                             Instant now,
                                             Function<OutboundCorrection.Applied, List<AuditEvent>> audit) {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(corrected, "corrected");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(audit, "audit");
        try {
            return database.jdbi().inTransaction(h -> {
                Optional<OutboundRecord> before = h.createQuery("SELECT " + OutboundDocumentDao.COLUMNS
                                + " FROM outbound_document WHERE id = :id FOR UPDATE")
                        .bind("id", id).map(ConstructorMapper.of(OutboundDocumentRow.class)).findOne()
                        .map(SyncStateMapper::outbound);
                if (before.isEmpty()) {
                    return new OutboundCorrection.Refused(id, "there is no outbound document " + id);
                }
                Optional<OutboundRecord> wanted = OutboundFix.retryCorrected(before.get(), corrected);
                if (wanted.isEmpty() || !before.get().sha256().equals(recorded)) {
                    return new OutboundCorrection.Refused(id, "document " + id + " was changed meanwhile (now "
                            + before.get().state().name().toLowerCase(java.util.Locale.ROOT) + "); see: "
                            + "jakamo-connector messages show " + id);
                }
                Optional<Long> same = h.createQuery("SELECT id FROM outbound_document WHERE integration = "
                                + ":integration AND sha256 = :sha256 AND id <> :id")
                        .bind("integration", before.get().integration().value())
                        .bind("sha256", corrected.sha256().hex()).bind("id", id).mapTo(Long.class).findFirst();
                if (same.isPresent()) {
                    return new OutboundCorrection.Refused(id, "the corrected file is identical to document "
                            + same.get() + "; sending it would send the same content twice");
                }
                OutboundRecord to = wanted.get();
                OutboundDocumentRow after = h.createQuery("UPDATE outbound_document SET state = :state, "
                                + "attempts = 0, last_error = NULL, next_attempt_at = NULL, claimed_by = NULL, "
                                + "claimed_at = NULL, archived_at = NULL, content = :content, sha256 = :sha256, "
                                + "document_type = :type, business_key = :businessKey, "
                                + "resolved_by = :operator, resolved_at = :now, resolution_note = :why, "
                                + "updated_at = :now WHERE id = :id RETURNING " + OutboundDocumentDao.COLUMNS)
                        .bind("state", to.state().name()).bind("content", corrected.bytes())
                        .bind("sha256", corrected.sha256().hex()).bind("type", corrected.type().name())
                        .bind("businessKey", corrected.businessKey().map(BusinessKey::value).orElse(null))
                        .bind("operator", decision.operator()).bind("now", now).bind("why", decision.reason())
                        .bind("id", id)
                        .map(ConstructorMapper.of(OutboundDocumentRow.class)).one();
                OutboundCorrection.Applied applied = new OutboundCorrection.Applied(before.get(),
                        SyncStateMapper.outbound(after));
                trail.get().appendWithin(h, audit.apply(applied));
                return applied;
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("retrying outbound document " + id + " with its corrected file", e);
        }
    }

    @Override
    public Optional<byte[]> quarantinedBytes(IntegrationName integration, DedupKey key) {
        try {
            return database.jdbi().withHandle(h -> h.attach(InboundMessageDao.class)
                    .quarantinedBytes(integration.value(), key.value()));
        } catch (JdbiException e) {
            throw SqlFailures.translate("reading quarantined message " + key.shortForm(), e);
        }
    }

    @Override
    public InboundCorrection redeliverQuarantined(IntegrationName integration, DedupKey key, Sha256 read,
                                                  Document document, OperatorDecision decision, Instant now,
                                                  Supplier<String> stage,
                                                  Function<InboundCorrection.Applied, List<AuditEvent>> audit) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(stage, "stage");
        try {
            return database.jdbi().inTransaction(h -> {
                Optional<InboundMessageRow> row = h.createQuery("SELECT " + InboundMessageDao.COLUMNS
                                + " FROM inbound_message WHERE integration = :integration AND dedup_key = :key "
                                + "FOR UPDATE")
                        .bind("integration", integration.value()).bind("key", key.value())
                        .map(ConstructorMapper.of(InboundMessageRow.class)).findOne();
                byte[] kept = row.isEmpty() ? null : h.attach(InboundMessageDao.class)
                        .quarantinedBytes(integration.value(), key.value()).orElse(null);
                InboundRecord before = row.map(SyncStateMapper::inbound).orElse(null);
                Optional<InboundCorrection.Refused> refused = InboundCorrection.refuseRedelivery(integration, key,
                        before, kept, read);
                if (refused.isPresent()) {
                    return refused.get();
                }
                String name = stage.get();
                InboundMessageRow after = h.createQuery("UPDATE inbound_message SET state = :state, "
                                + "document_type = :type, business_key = :businessKey, delivered_as = :name, "
                                + "delivered_at = :now, deliveries = deliveries + 1, quarantined_bytes = NULL "
                                + "WHERE id = :id RETURNING " + InboundMessageDao.COLUMNS)
                        .bind("state", before.state().afterRedelivery().get().name())
                        .bind("type", document.type().name())
                        .bind("businessKey", document.businessKey().map(BusinessKey::value).orElse(null))
                        .bind("name", name).bind("now", now).bind("id", row.get().id())
                        .map(ConstructorMapper.of(InboundMessageRow.class)).one();
                InboundCorrection.Applied applied = new InboundCorrection.Applied(before,
                        SyncStateMapper.inbound(after));
                trail.get().appendWithin(h, audit.apply(applied));
                return applied;
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("redelivering quarantined message " + key.shortForm(), e);
        }
    }

    @Override
    public InboundCorrection discardQuarantined(IntegrationName integration, DedupKey key, OperatorDecision decision,
                                                Instant now,
                                                Function<InboundCorrection.Applied, List<AuditEvent>> audit) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(audit, "audit");
        try {
            return database.jdbi().inTransaction(h -> {
                Optional<InboundMessageRow> row = h.createQuery("SELECT " + InboundMessageDao.COLUMNS
                                + " FROM inbound_message WHERE integration = :integration AND dedup_key = :key "
                                + "FOR UPDATE")
                        .bind("integration", integration.value()).bind("key", key.value())
                        .map(ConstructorMapper.of(InboundMessageRow.class)).findOne();
                InboundRecord before = row.map(SyncStateMapper::inbound).orElse(null);
                Optional<InboundCorrection.Refused> refused = InboundCorrection.refuseDiscard(integration, key,
                        before);
                if (refused.isPresent()) {
                    return refused.get();
                }
                InboundMessageRow after = h.createQuery("UPDATE inbound_message SET state = :state, "
                                + "quarantined_bytes = NULL WHERE id = :id RETURNING " + InboundMessageDao.COLUMNS)
                        .bind("state", before.state().afterDiscard().get().name()).bind("id", row.get().id())
                        .map(ConstructorMapper.of(InboundMessageRow.class)).one();
                InboundCorrection.Applied applied = new InboundCorrection.Applied(before,
                        SyncStateMapper.inbound(after));
                trail.get().appendWithin(h, audit.apply(applied));
                return applied;
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("discarding quarantined message " + key.shortForm(), e);
        }
    }
}
