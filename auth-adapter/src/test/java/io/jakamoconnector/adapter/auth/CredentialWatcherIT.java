package io.jakamoconnector.adapter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret file rotated, broken and fixed under the watcher, in a temporary directory. */
class CredentialWatcherIT {
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final Object lock = new Object();
    private final Noticed noticed = new Noticed();

    @TempDir
    Path dir;

    @Test
    void aRotatedSecretIsNoticedOnceAndPendsUntilATokenIsMadeWithIt() throws IOException {
        Path secret = write("abc8Q~first-secret");
        CredentialWatcher watcher = watcher(secret, Duration.ZERO);
        watcher.readNow();
        String firstKey = watcher.inUse().keyId();

        watcher.check(clock.instant(), true, noticed);
        assertThat(noticed.events).isEmpty();   // the credential in use

        write("abc8Q~second-secret");
        watcher.check(clock.instant(), true, noticed);
        watcher.check(clock.instant(), true, noticed);

        assertThat(noticed.events).containsExactly("rotated news=true serving=true", "rotated news=false serving=true");
        synchronized (lock) {
            assertThat(watcher.rotationPending()).isTrue();
        }
        LoadedCredential used = watcher.forRequest();
        assertThat(used.keyId()).isNotEqualTo(firstKey);
        synchronized (lock) {
            assertThat(watcher.tokenMadeWith(used)).isFalse();
            assertThat(watcher.rotationPending()).isFalse();
        }
    }

    @Test
    void aTokenMadeWithTheOldSecretLeavesTheRotationPending() throws IOException {
        Path secret = write("abc8Q~first-secret");
        CredentialWatcher watcher = watcher(secret, Duration.ZERO);
        LoadedCredential old = watcher.forRequest();

        write("abc8Q~second-secret");
        watcher.check(clock.instant(), true, noticed);

        synchronized (lock) {
            assertThat(watcher.tokenMadeWith(old)).isTrue();
        }
    }

    @Test
    void anUnreadableSecretThatBecomesReadableIsReportedOnce() throws IOException {
        Path secret = dir.resolve("orders.secret");
        CredentialWatcher watcher = watcher(secret, Duration.ZERO);

        watcher.check(clock.instant(), false, noticed);   // no such file
        assertThat(noticed.events).isEmpty();

        write("abc8Q~fixed-secret");
        watcher.check(clock.instant(), false, noticed);
        watcher.check(clock.instant(), false, noticed);

        assertThat(noticed.events).containsExactly("readable again");
    }

    @Test
    void checksComeEveryIntervalWhileServingAndEverySecondWhileNot() throws IOException {
        Path secret = write("abc8Q~first-secret");
        CredentialWatcher watcher = watcher(secret, Duration.ofSeconds(30));
        Instant start = clock.instant();
        assertThat(watcher.due(start)).isTrue();

        watcher.check(start, true, noticed);
        assertThat(watcher.due(start.plusSeconds(29))).isFalse();
        assertThat(watcher.due(start.plusSeconds(30))).isTrue();

        watcher.check(start, false, noticed);
        assertThat(watcher.due(start.plusMillis(999))).isFalse();
        assertThat(watcher.due(start.plusSeconds(1))).isTrue();
    }

    private CredentialWatcher watcher(Path secret, Duration interval) {
        TokenRegistration registration = new TokenRegistration(new IntegrationName("orders"), Environment.demo(),
                new ClientId("3f0c2a9e-1b2c-4d5e-8f90-0123456789ab"),
                CredentialSource.clientSecret(SecretReference.file(secret)));
        return new CredentialWatcher(registration, new CredentialLoader(SecretSources.of(Map.of())), interval, clock,
                lock);
    }

    private Path write(String value) throws IOException {
        Path file = dir.resolve("orders.secret");
        Path next = dir.resolve("orders.secret.new");
        Files.writeString(next, value, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** What the watcher told the registration, in order. */
    private static final class Noticed implements CredentialWatcher.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void readableAgain() {
            events.add("readable again");
        }

        @Override
        public void rotated(boolean news, boolean serving, Instant now) {
            events.add("rotated news=" + news + " serving=" + serving);
        }
    }
}
