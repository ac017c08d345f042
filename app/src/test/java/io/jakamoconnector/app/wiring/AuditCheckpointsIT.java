package io.jakamoconnector.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jakamoconnector.adapter.persistence.AuditAnchorFile;
import io.jakamoconnector.adapter.persistence.AuditCheckpointPolicy;
import io.jakamoconnector.adapter.persistence.AuditSigningKey;
import io.jakamoconnector.adapter.persistence.JdbiAuditTrailAdapter;
import io.jakamoconnector.adapter.persistence.TestDatabase;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
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
            AuditCheckpoints checkpoints = new AuditCheckpoints(trail, Duration.ofMillis(50));
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
}
