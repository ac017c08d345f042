package io.jakamoconnector.domain.model.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The rule for where a pruned audit trail may start again, and verification from there. */
class AuditHorizonRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-11-01T00:00:00Z");
    private static final String H = "ab".repeat(32);

    private static AuditPruneOutcome plan(long exportHead, long lastOld, Optional<AuditHorizon> current,
                                          Long... checkpoints) {
        return AuditChain.planPrune(BEFORE, NOW, new AuditCoverage("audit-2026-11.jsonl", exportHead, H), current,
                100, lastOld, new TreeSet<>(List.of(checkpoints)), seq -> Optional.of(H));
    }

    @Test
    void theHorizonIsTheNewestSignedCheckpointAmongTheOldEvents() {
        AuditPruneOutcome outcome = plan(90, 75, Optional.empty(), 20L, 60L, 80L);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Pruned.class);
        AuditPruneOutcome.Pruned pruned = (AuditPruneOutcome.Pruned) outcome;
        assertThat(pruned.horizon().lastRemoved()).isEqualTo(60);
        assertThat(pruned.horizon().firstKept()).isEqualTo(61);
        assertThat(pruned.removed()).isEqualTo(60);
        assertThat(pruned.horizon().describe()).contains("events 1 to 60").contains("audit-2026-11.jsonl")
                .contains("event 90");
    }

    @Test
    void oldEventsBeyondTheExportAreRefusedNamingThemAndWhatToExport() {
        AuditPruneOutcome outcome = plan(50, 75, Optional.empty(), 20L, 60L);

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Refused.class);
        assertThat(((AuditPruneOutcome.Refused) outcome).reason()).contains("events 51 to 75")
                .contains("jakamo-connector audit export --output FILE");
    }

    @Test
    void anExportWhoseSignedHashThisChainDoesNotHaveIsRefused() {
        AuditPruneOutcome outcome = AuditChain.planPrune(BEFORE, NOW, new AuditCoverage("other.jsonl", 90, H),
                Optional.empty(), 100, 75, new TreeSet<>(List.of(60L)), seq -> Optional.of("cd".repeat(32)));

        assertThat(outcome).isInstanceOf(AuditPruneOutcome.Refused.class);
        assertThat(((AuditPruneOutcome.Refused) outcome).reason()).contains("not an export of this audit trail");
    }

    @Test
    void withoutASignedCheckpointAmongTheOldEventsNothingIsRemoved() {
        assertThat(plan(90, 75, Optional.empty(), 80L)).isInstanceOf(AuditPruneOutcome.NothingToPrune.class);
        assertThat(plan(90, 0, Optional.empty(), 80L)).isInstanceOf(AuditPruneOutcome.NothingToPrune.class);
    }

    @Test
    void theHorizonNeverMovesBack() {
        AuditHorizon current = new AuditHorizon(60, H, BEFORE, NOW, "old.jsonl", 70);

        assertThat(plan(90, 75, Optional.of(current), 20L, 60L)).isInstanceOf(AuditPruneOutcome.NothingToPrune.class);
        assertThat(plan(55, 75, Optional.of(current), 20L, 60L)).isInstanceOf(AuditPruneOutcome.Refused.class);
        AuditPruneOutcome further = plan(90, 85, Optional.of(current), 60L, 80L);
        assertThat(((AuditPruneOutcome.Pruned) further).removed()).isEqualTo(20);
    }

    @Test
    void aPrunedChainVerifiesFromTheHorizonAndNotWithoutIt() {
        CanonicalAuditForm form = new CanonicalAuditForm();
        List<AuditChainLink> all = new ArrayList<>();
        byte[] prev = CanonicalAuditForm.genesis();
        for (int i = 1; i <= 6; i++) {
            AuditChainLink link = AuditChain.link(form, i, prev, AuditEvent.builder(AuditAction.SERVICE_STARTED,
                    AuditOutcome.OK).at(BEFORE.plusSeconds(i)).node("n").actor("connector").build());
            all.add(link);
            prev = link.hash();
        }
        List<AuditChainLink> kept = all.subList(4, 6);
        AuditHorizon horizon = new AuditHorizon(4, CanonicalAuditForm.hex(all.get(3).hash()), BEFORE, NOW, "e.jsonl",
                4);

        assertThat(AuditChain.verify(kept, 6, prev, Optional.of(horizon)))
                .isEqualTo(new AuditVerification.Intact(2, 6, 0, Optional.of(horizon)));
        assertThat(AuditChain.verify(kept, 6, prev)).isInstanceOf(AuditVerification.Broken.class);
        AuditHorizon forged = new AuditHorizon(4, CanonicalAuditForm.hex(all.get(2).hash()), BEFORE, NOW, "e.jsonl",
                4);
        AuditVerification atForged = AuditChain.verify(kept, 6, prev, Optional.of(forged));
        assertThat(atForged).isInstanceOf(AuditVerification.Broken.class);
        assertThat(((AuditVerification.Broken) atForged).firstBadSequence()).isEqualTo(5);
    }
}
