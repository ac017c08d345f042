package io.jakamoconnector.adapter.persistence;

import io.jakamoconnector.domain.model.audit.AuditEvent;
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
                    return new OutboundCorrection.Refused(id, fix.refusal(id, before.get().state()));
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
}
