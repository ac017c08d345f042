package io.jakamoconnector.adapter.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second copy of the anchor in the system journal, where there is one: each checkpoint line is sent with the
 * identifier {@value #IDENTIFIER} through {@code systemd-cat}, and read back with {@code journalctl}. The journal is
 * written by journald, not by the connector's user, and is often forwarded off the host. Both programs are run only
 * where they exist; a failure here is said and never stops a checkpoint.
 */
final class SystemdJournalAnchor {
    static final String IDENTIFIER = "jakamo-audit-anchor";
    private static final Logger LOG = LoggerFactory.getLogger(SystemdJournalAnchor.class);
    private static final Path SOCKET = Path.of("/run/systemd/journal/socket");
    private static final long WAIT_SECONDS = 10;

    private SystemdJournalAnchor() {
    }

    /** Whether checkpoints can be sent: a journal socket and {@code systemd-cat} on the PATH. */
    static boolean canSend() {
        return Files.exists(SOCKET) && onPath("systemd-cat").isPresent();
    }

    /** Whether the journal can be read: a journal runs (its socket exists) and {@code journalctl} is on the PATH. */
    static boolean canRead() {
        return Files.exists(SOCKET) && onPath("journalctl").isPresent();
    }

    static void send(List<AuditCheckpoint> checkpoints) {
        if (checkpoints.isEmpty() || !canSend()) {
            return;
        }
        try {
            Process process = new ProcessBuilder("systemd-cat", "-t", IDENTIFIER, "-p", "info")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream()) {
                for (AuditCheckpoint checkpoint : checkpoints) {
                    in.write((CheckpointLines.anchorLine(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("systemd-cat did not finish within {} s: the audit checkpoint may be missing from the "
                        + "journal (the anchor file has it)", WAIT_SECONDS);
            } else if (process.exitValue() != 0) {
                LOG.warn("systemd-cat exited with {}: the audit checkpoint is missing from the journal (the anchor file "
                        + "has it)", process.exitValue());
            }
        } catch (IOException e) {
            LOG.warn("the audit checkpoint could not be sent to the journal ({}); the anchor file has it", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The checkpoints in the journal signed with {@code keyId} (other installations on the host use the same
     * identifier with their own keys); empty when the journal cannot be read, with why in {@code warnings}.
     */
    static Optional<List<AuditCheckpoint>> read(String keyId, List<String> warnings) {
        if (!canRead()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder("journalctl", "-t", IDENTIFIER, "-o", "cat", "--no-pager", "-q")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<AuditCheckpoint> found = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    CheckpointLines.parse(line).filter(c -> c.keyId().equals(keyId)).ifPresent(found::add);
                }
            }
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                warnings.add("journalctl could not read the journal's " + IDENTIFIER + " entries (is the "
                        + "connector's user in the systemd-journal group?), so they were not checked");
                return Optional.empty();
            }
            return Optional.of(found);
        } catch (IOException e) {
            warnings.add("journalctl could not be run (" + e.getMessage() + "), so the journal was not checked");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
