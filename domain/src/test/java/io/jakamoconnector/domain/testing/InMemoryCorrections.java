package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.exchange.OutgoingDocument;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.model.sync.InboundCorrection;
import io.jakamoconnector.domain.model.sync.InboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundCorrection;
import io.jakamoconnector.domain.model.sync.OutboundFix;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.sync.OutboundStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operator's corrections of {@link InMemorySyncState}, on its rows; called under its lock. Each writes its audit
 * events first, as the real one does in the same transaction: a trail that fails leaves the row as it was.
 */
final class InMemoryCorrections {
    private final Map<String, InboundRecord> inbound;
    private final Map<String, byte[]> quarantined;
    private final Map<Long, InMemoryOutboundRow> outbound;
    private final Consumer<List<AuditEvent>> commit;

    InMemoryCorrections(Map<String, InboundRecord> inbound, Map<String, byte[]> quarantined,
                        Map<Long, InMemoryOutboundRow> outbound, Consumer<List<AuditEvent>> commit) {
        this.inbound = inbound;
        this.quarantined = quarantined;
        this.outbound = outbound;
        this.commit = commit;
    }

    OutboundCorrection correctOutbound(long id, OutboundFix fix,
                                       Function<OutboundCorrection.Applied, List<AuditEvent>> events) {
        InMemoryOutboundRow o = outbound.get(id);
        if (o == null) {
            return new OutboundCorrection.Refused(id, "there is no outbound document " + id);
        }
        OutboundRecord before = o.record();
        Optional<OutboundStatus> next = fix.next(o.status());
        Optional<OutboundRecord> after = fix.applyTo(before);
        if (next.isEmpty() || after.isEmpty()) {
            return new OutboundCorrection.Refused(id, fix.refusalFor(before).orElseThrow());
        }
        OutboundCorrection.Applied applied = new OutboundCorrection.Applied(before, after.get());
        commit.accept(events.apply(applied));      // first: a trail that fails leaves the document as it was
        o.moveTo(next.get());
        o.claimedAt = null;
        o.archived = false;
        return applied;
    }

    InboundCorrection redeliverQuarantined(IntegrationName integration, DedupKey key, Sha256 read,
                                           Document document, Supplier<String> stage,
                                           Function<InboundCorrection.Applied, List<AuditEvent>> events) {
        InboundRecord before = inbound.get(InMemorySyncState.key(integration, key));
        byte[] kept = quarantined.get(InMemorySyncState.key(integration, key));
        Optional<InboundCorrection.Refused> refused = InboundCorrection.refuseRedelivery(integration, key,
                before, kept, read);
        if (refused.isPresent()) {
            return refused.get();
        }
        String name = stage.get();
        InboundRecord after = new InboundRecord(integration, key, document.type(), document.businessKey(),
                before.sha256(), before.state().afterRedelivery().get(), before.receivedAt(),
                before.acknowledgedAt(), before.deliveries() + 1, Optional.of(name), before.quarantineReason(),
                before.confirmUrl());
        InboundCorrection.Applied applied = new InboundCorrection.Applied(before, after);
        commit.accept(events.apply(applied));      // first: a trail that fails leaves the message quarantined
        inbound.put(InMemorySyncState.key(integration, key), after);
        quarantined.remove(InMemorySyncState.key(integration, key));
        return applied;
    }

    OutboundCorrection retryCorrected(long id, Sha256 recorded, Document corrected,
                                      Function<OutboundCorrection.Applied, List<AuditEvent>> events) {
        InMemoryOutboundRow o = outbound.get(id);
        if (o == null) {
            return new OutboundCorrection.Refused(id, "there is no outbound document " + id);
        }
        OutboundRecord before = o.record();
        Optional<OutboundRecord> after = OutboundFix.retryCorrected(before, corrected);
        if (!(before.status() instanceof OutboundStatus.RefusedLocally local) || after.isEmpty()
                || !before.sha256().equals(recorded)) {
            return new OutboundCorrection.Refused(id, "document " + id + " was changed meanwhile");
        }
        Optional<InMemoryOutboundRow> same = outbound.values().stream().filter(x -> x.id != id
                && x.integration.equals(before.integration()) && x.document.document().sha256()
                .equals(corrected.sha256())).findFirst();
        if (same.isPresent()) {
            return new OutboundCorrection.Refused(id, "the corrected file is identical to document " + same.get().id);
        }
        OutboundCorrection.Applied applied = new OutboundCorrection.Applied(before, after.get());
        commit.accept(events.apply(applied));      // first: a trail that fails leaves the document as it was
        o.document = new OutgoingDocument(o.document.ref(), corrected, o.document.fileName());
        o.moveTo(local.correct());
        o.claimedAt = null;
        o.archived = false;
        return applied;
    }

    InboundCorrection discardQuarantined(IntegrationName integration, DedupKey key,
                                         Function<InboundCorrection.Applied, List<AuditEvent>> events) {
        InboundRecord before = inbound.get(InMemorySyncState.key(integration, key));
        Optional<InboundCorrection.Refused> refused = InboundCorrection.refuseDiscard(integration, key, before);
        if (refused.isPresent()) {
            return refused.get();
        }
        InboundRecord after = new InboundRecord(integration, key, before.type(), before.businessKey(),
                before.sha256(), before.state().afterDiscard().get(), before.receivedAt(), before.acknowledgedAt(),
                before.deliveries(), before.deliveredAs(), before.quarantineReason(), before.confirmUrl());
        InboundCorrection.Applied applied = new InboundCorrection.Applied(before, after);
        commit.accept(events.apply(applied));      // first: a trail that fails leaves the message quarantined
        inbound.put(InMemorySyncState.key(integration, key), after);
        quarantined.remove(InMemorySyncState.key(integration, key));
        return applied;
    }
}
