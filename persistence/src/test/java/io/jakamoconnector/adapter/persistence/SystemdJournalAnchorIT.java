package io.jakamoconnector.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal copy of the anchor, where the host has a systemd journal. */
class SystemdJournalAnchorIT {

    @Test
    void aCheckpointSentToTheJournalIsReadBack(@TempDir Path keys) throws Exception {
        assumeTrue(SystemdJournalAnchor.canSend() && SystemdJournalAnchor.canRead(), "no systemd journal on this "
                + "machine (no /run/systemd/journal/socket, or systemd-cat/journalctl not on the PATH): the journal "
                + "copy is neither written nor read here, and the anchor file is the only anchor");
        AuditSigningKey key = AuditSigningKey.loadOrCreate(keys);
        AuditCheckpoint unsigned = new AuditCheckpoint(7, "ab".repeat(32), Instant.parse("2026-11-02T08:00:00Z"),
                key.keyId(), new byte[0]);
        AuditCheckpoint checkpoint = new AuditCheckpoint(7, unsigned.hashHex(), unsigned.signedAt(), key.keyId(),
                key.sign(unsigned.signedBytes()));
        SystemdJournalAnchor.send(List.of(checkpoint));
        List<String> warnings = new ArrayList<>();
        assertThat(SystemdJournalAnchor.read(key.keyId(), warnings)).hasValueSatisfying(found ->
                assertThat(found).singleElement().satisfies(c -> assertThat(c.hashHex()).isEqualTo("ab".repeat(32))));
        assertThat(warnings).isEmpty();
    }
}
