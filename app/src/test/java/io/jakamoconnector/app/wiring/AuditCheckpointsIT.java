package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.adapter.persistence.AuditAnchorFile;
import io.jakamoconnector.adapter.persistence.AuditCheckpointPolicy;
import io.jakamoconnector.adapter.persistence.AuditSigningKey;
import io.jakamoconnector.adapter.persistence.CheckpointOutcome;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.adapter.persistence.TestDatabase;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.service.AuditWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint schedule on its own thread: it signs what was written, and a tick that failed is retried. */
class AuditCheckpointsIT {
    @TempDir
    Path dir;

    @Test
    void ticksSignWhatWasWrittenAndRetryAfterAFailure() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            // the anchor's directory is blocked by a file: appending fails until it is removed
            Path blocked = dir.resolve("anchors");
            Files.writeString(blocked, "not a directory");
            AuditAnchorFile anchor = new AuditAnchorFile(blocked.resolve("audit-anchor.log"));
            JdbiAuditTrailAdapter trail = new JdbiAuditTrailAdapter(db.database(),
                    AuditSigningKey.loadOrCreate(dir.resolve("keys")), Clock.systemUTC(),
                    AuditCheckpointPolicy.scheduled(Duration.ofMinutes(5), anchor));
            AuditCheckpoints checkpoints = new AuditCheckpoints(trail, Duration.ofMillis(50),
                    new AuditWriter(trail, Clock.systemUTC(), "n"));
            checkpoints.start();
            try {
                trail.append(AuditEvent.builder(AuditAction.OPERATOR_ACTION, AuditOutcome.OK).node("n").actor("test")
                        .at(java.time.Instant.now())
                        .reason("one").build());
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(trail.verify())
                        .isEqualTo(new AuditVerification.Intact(1, 1, 1)));
                assertThat(Files.isRegularFile(anchor.path())).as("the anchor cannot be written yet").isFalse();

                Files.delete(blocked);
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(anchor.path()));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Files.readAllLines(
                        anchor.path())).singleElement().asString().startsWith("{\"seq\":1,"));
            } finally {
                checkpoints.stop();
            }
        }
    }

    /**
     * Issue 14: an audit trail that does not verify is told to people, not only logged. A rewritten event after the last
     * checkpoint makes the next checkpoint refuse; that is one audit_chain_broken event, which the notification
     * channels classify as audit_broken, and the same finding at the next tick is not a second event.
     */
    @Test
    void aRefusedCheckpointIsOneAuditChainBrokenEventThatNeedsAPerson() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            JdbiAuditTrailAdapter trail = new JdbiAuditTrailAdapter(db.database(),
                    AuditSigningKey.loadOrCreate(dir.resolve("keys")), Clock.systemUTC(),
                    AuditCheckpointPolicy.scheduled(Duration.ofMinutes(5),
                            new AuditAnchorFile(dir.resolve("audit-anchor.log"))));
            AuditCheckpoints checkpoints = new AuditCheckpoints(trail, Duration.ofMinutes(5),
                    new AuditWriter(trail, Clock.systemUTC(), "n"));
            for (String reason : List.of("one", "two", "three")) {
                trail.append(AuditEvent.builder(AuditAction.OPERATOR_ACTION, AuditOutcome.OK).node("n").actor("test")
                        .at(java.time.Instant.now()).reason(reason).build());
            }
            try (Connection owner = db.ownerConnection(); Statement sql = owner.createStatement()) {
                sql.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
                sql.execute("UPDATE audit_event SET reason = 'nothing happened' WHERE seq = 2");
                sql.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
            }

            // a command's start signs too, but must not append to the trail it may be about to verify
            assertThat(checkpoints.sign("at start")).isInstanceOf(CheckpointOutcome.Refused.class);
            assertThat(brokenEvents(db)).isEmpty();
            assertThat(checkpoints.sign("scheduled")).isInstanceOf(CheckpointOutcome.Refused.class);
            assertThat(checkpoints.sign("scheduled")).isInstanceOf(CheckpointOutcome.Refused.class);

            List<String> broken = brokenEvents(db);
            assertThat(broken).singleElement().asString().startsWith("fail checkpoint refused from event 2: ");
        }
    }

    private static List<String> brokenEvents(TestDatabase db) throws java.sql.SQLException {
        List<String> broken = new java.util.ArrayList<>();
        try (Connection owner = db.ownerConnection(); Statement sql = owner.createStatement();
             java.sql.ResultSet rows = sql.executeQuery("SELECT outcome, reason FROM audit_event "
                     + "WHERE action = 'audit_chain_broken'")) {
            while (rows.next()) {
                broken.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return broken;
    }
}
