package io.jakamoconnector.app.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the configuration file changes under the running service, which read it once at start, and says so
 * once per change (a warning, not a reload: half-applied configuration is worse than none). Jakamo's own connector
 * claims to reload its INI and silently does not; this one is honest about needing a restart.
 */
public final class ConfigurationWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationWatch.class);

    /** Reads the file's bytes; throws {@link NoSuchFileException} when it is gone. */
    public interface Source {
        byte[] read() throws IOException;
    }

    private final String file;
    private final Source source;
    private final byte[] loaded;
    private byte[] lastNoticed;

    /** @param loaded the file's bytes as the service read them at start */
    public ConfigurationWatch(String file, Source source, byte[] loaded) {
        this.file = Objects.requireNonNull(file, "file");
        this.source = Objects.requireNonNull(source, "source");
        this.loaded = sha256(loaded);
    }

    /** Watches {@code file}, taking its present bytes as the ones the service loaded. */
    public static Optional<ConfigurationWatch> of(Path file) {
        try {
            return Optional.of(new ConfigurationWatch(file.toString(), () -> Files.readAllBytes(file),
                    Files.readAllBytes(file)));
        } catch (IOException e) {
            LOG.debug("not watching {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void run() {
        check().ifPresent(LOG::warn);
    }

    /** What to tell the operator now, once per change; empty when nothing changed since the last notice. */
    public Optional<String> check() {
        byte[] now;
        try {
            now = sha256(source.read());
        } catch (NoSuchFileException e) {
            now = new byte[0];
        } catch (IOException e) {
            return Optional.empty();   // unreadable for a moment (an editor's save): look again next time
        }
        if (Arrays.equals(now, lastNoticed)) {
            return Optional.empty();
        }
        boolean backAsLoaded = Arrays.equals(now, loaded);
        if (lastNoticed == null && backAsLoaded) {
            return Optional.empty();
        }
        lastNoticed = backAsLoaded ? null : now;
        if (backAsLoaded) {
            return Optional.of("the configuration file " + file + " is again as the service loaded it");
        }
        return Optional.of("the configuration file " + file + (now.length == 0 ? " was removed" : " changed")
                + " after the service started; the service goes on with the configuration it read at start. To apply "
                + "the change, check it with 'jakamo-connector doctor', then restart the service (systemctl restart "
                + "jakamo-connector)");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
