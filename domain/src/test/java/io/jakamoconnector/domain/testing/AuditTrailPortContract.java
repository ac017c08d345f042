package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditCoverage;
import io.jakamoconnector.domain.model.audit.AuditHorizon;
import io.jakamoconnector.domain.model.audit.AuditPruneOutcome;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.model.audit.CorrelationId;
import io.jakamoconnector.domain.model.auth.Fingerprint;
import io.jakamoconnector.domain.model.document.BusinessKey;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AuditRetentionPort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link io.jakamoconnector.domain.port.out.AuditTrailPort} must do. */
public abstract class AuditTrailPortContract {

    /** A fresh, empty trail. */
    protected abstract io.jakamoconnector.domain.port.out.AuditTrailPort newTrail();

    /** The test-only hook that damages {@code trail}'s storage behind its back. */
    protected abstract AuditTrailTampering tamperingOf(io.jakamoconnector.domain.port.out.AuditTrailPort trail);

    /** The same trail's pruning face. */
    protected abstract AuditRetentionPort retentionOf(io.jakamoconnector.domain.port.out.AuditTrailPort trail);

    /** Exports the whole trail now, as an operator would, and returns what the export's signed head covers. */
    protected abstract AuditCoverage exportAll(io.jakamoconnector.domain.port.out.AuditTrailPort trail);

    static AuditEvent event(int n) {
        return AuditEvent.builder(AuditAction.MESSAGE_DELIVERED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T10:00:00Z").plusMillis(n)).node("node-1").actor("connector")
                .integration(new IntegrationName("orders")).businessKey(new BusinessKey("PO-" + n))
                .fileName("OrderResponse-PO-" + n + ".xml").sha256(Sha256.of(("b" + n).getBytes(StandardCharsets.UTF_8)))
                .reason("ok").correlationId(CorrelationId.random()).remoteCorrelationId("remote-" + n)
                .durationMillis(n).attempt(1).tokenFingerprint(Fingerprint.of("token-" + n)).credentialKeyId("key-1")
                .build();
    }

    @Test
    void anEmptyTrailVerifies() {
        assertThat(newTrail().verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void appendedEventsVerifyAndAreCounted() {
        var trail = newTrail();
        for (int i = 1; i <= 25; i++) {
            trail.append(event(i));
        }
        trail.append(AuditEvent.builder(AuditAction.SERVICE_STARTED, AuditOutcome.OK)
                .at(Instant.parse("2026-11-29T11:00:00Z")).node("node-1").actor("connector").build());

        AuditVerification result = trail.verify();
        assertThat(result).isInstanceOf(AuditVerification.Intact.class);
        assertThat(((AuditVerification.Intact) result).events()).isEqualTo(26);
    }

    /** Twelve events, damaged by {@code damage}; verify must answer broken at {@code firstBad}. */
    private void assertBrokenAt(long firstBad, java.util.function.Consumer<AuditTrailTampering> damage) {
        var trail = newTrail();
        for (int i = 1; i <= 12; i++) {
            trail.append(event(i));
        }
        assertThat(trail.verify()).isInstanceOf(AuditVerification.Intact.class);
        damage.accept(tamperingOf(trail));

        AuditVerification result = trail.verify();
        assertThat(result).isInstanceOf(AuditVerification.Broken.class);
        AuditVerification.Broken broken = (AuditVerification.Broken) result;
        assertThat(broken.firstBadSequence()).as(broken.reason()).isEqualTo(firstBad);
        assertThat(broken.reason()).isNotBlank();
    }

    @Test
    void anEditedEventBreaksTheChainAtThatEvent() {
        assertBrokenAt(5, t -> t.edit(5));
    }

    @Test
    void aDeletedEventBreaksTheChainAtThatEvent() {
        assertBrokenAt(5, t -> t.delete(5));
    }

    @Test
    void reorderedEventsBreakTheChainAtTheFirstOfThem() {
        assertBrokenAt(5, t -> t.swapWithNext(5));
    }

    @Test
    void aCutOffTailBreaksTheChainAfterTheLastEventLeft() {
        assertBrokenAt(9, t -> t.truncateAfter(8));
    }

    @Test
    void theLastEventEditedBreaksTheChainThere() {
        assertBrokenAt(12, t -> t.edit(12));
    }

    private static final Instant FIRST = Instant.parse("2026-11-29T10:00:00Z");

    /** Twelve events, an export of them, three more; event n was written n ms after 10:00. */
    private io.jakamoconnector.domain.port.out.AuditTrailPort exportedTwelveThenThreeMore(AuditCoverage[] export) {
        var trail = newTrail();
        for (int i = 1; i <= 12; i++) {
            trail.append(event(i));
        }
        export[0] = exportAll(trail);
        for (int i = 13; i <= 15; i++) {
            trail.append(event(i));
        }
        return trail;
    }

    @Test
    void aPruneCoveredByAnExportRemovesTheOldEventsAndTheRestVerifiesFromTheHorizon() {
        AuditCoverage[] export = new AuditCoverage[1];
        var trail = exportedTwelveThenThreeMore(export);
        AuditRetentionPort retention = retentionOf(trail);

        AuditPruneOutcome outcome = retention.prune(FIRST.plusMillis(13), export[0]);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Pruned.class);
        AuditHorizon horizon = ((AuditPruneOutcome.Pruned) outcome).horizon();
        assertThat(horizon.lastRemoved()).isEqualTo(12);
        assertThat(((AuditPruneOutcome.Pruned) outcome).removed()).isEqualTo(12);
        assertThat(horizon.exportHead()).isEqualTo(12);
        assertThat(retention.horizon()).contains(horizon);
        AuditVerification result = trail.verify();
        assertThat(result).isInstanceOf(AuditVerification.Intact.class);
        AuditVerification.Intact intact = (AuditVerification.Intact) result;
        assertThat(intact.events()).isEqualTo(3);
        assertThat(intact.lastSequence()).isEqualTo(15);
        assertThat(intact.horizon()).contains(horizon);
    }

    @Test
    void theFirstKeptEventEditedAfterAPruneBreaksTheChainThere() {
        AuditCoverage[] export = new AuditCoverage[1];
        var trail = exportedTwelveThenThreeMore(export);
        assertThat(retentionOf(trail).prune(FIRST.plusMillis(13), export[0]))
                .isInstanceOf(AuditPruneOutcome.Pruned.class);

        tamperingOf(trail).edit(13);

        AuditVerification result = trail.verify();
        assertThat(result).isInstanceOf(AuditVerification.Broken.class);
        assertThat(((AuditVerification.Broken) result).firstBadSequence()).isEqualTo(13);
    }

    @Test
    void aPruneThatWouldCutEventsTheExportDoesNotHoldIsRefusedAndRemovesNothing() {
        AuditCoverage[] export = new AuditCoverage[1];
        var trail = exportedTwelveThenThreeMore(export);
        AuditRetentionPort retention = retentionOf(trail);

        AuditPruneOutcome outcome = retention.prune(FIRST.plusMillis(15), export[0]);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Refused.class);
        assertThat(((AuditPruneOutcome.Refused) outcome).reason()).contains("events 13 to 14")
                .contains("audit export");
        assertThat(retention.horizon()).isEmpty();
        assertThat(trail.verify()).isEqualTo(new AuditVerification.Intact(15, 15,
                ((AuditVerification.Intact) trail.verify()).checkpoints()));
    }
}
