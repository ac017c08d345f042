package io.jakamoconnector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync --once} over a backlog larger than one pick-up (100 files) and than two of them: every file goes out in
 * the one run and every answer comes back. (It used to stop after two pick-ups, leaving all but 200 files behind.)
 */
class SyncBacklogIT {
    private static final int FILES = 230;

    @TempDir
    Path dir;

    @Test
    void oneRunWorksOffTheWholeBacklog() throws Exception {
        try (SandboxBed bed = new SandboxBed(dir, "polling: { senders: 4 }\n")) {
            for (int i = 1; i <= FILES; i++) {
                bed.dropOrder("PO-B" + i);
            }
            Cli.Run run = Cli.run(Map.of("JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1"),
                    "--config", bed.files.configFile().toString(), "sync", "--once");
            assertThat(run.code()).as(run.out() + run.err()).isZero();

            assertThat(bed.files("to_jakamo")).as("nothing left behind").isEmpty();
            assertThat(bed.files("processed")).hasSize(FILES);
            assertThat(bed.journal().documents(SandboxBed.ORDERS)).as("each sent once").hasSize(FILES);
            for (int i = 1; i <= FILES; i++) {
                assertThat(bed.journal().timesAccepted("Order", "PO-B" + i)).isEqualTo(1);
            }
            assertThat(bed.files("from_jakamo")).as("every supplier answer delivered").hasSize(FILES);
        }
    }
}
