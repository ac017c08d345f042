package io.jakamoconnector.adapter.auth;

import static org.awaitility.Awaitility.await;

import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.auth.ClientId;
import io.jakamoconnector.domain.model.auth.Environment;
import io.jakamoconnector.domain.model.auth.Scope;
import io.jakamoconnector.domain.model.auth.TenantId;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.Endpoint;
import io.jakamoconnector.sandbox.RequestRecord;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One sandbox, a scratch directory for secret files, an in-memory audit trail, and the adapters a test builds, closed
 * together. Tests register their own applications, so journal counts are taken per client id.
 */
final class SandboxFixture implements AutoCloseable {
    final Sandbox sandbox;
    final Path dir;
    final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    final AuditWriter audit = new AuditWriter(trail, Clock.systemUTC(), "test-node");
    private final List<MsalAccessTokenAdapter> adapters = new CopyOnWriteArrayList<>();
    private final HttpClient http;

    SandboxFixture() {
        this(Sandbox.start());
    }

    SandboxFixture(Sandbox sandbox) {
        this.sandbox = sandbox;
        try {
            this.dir = Files.createTempDirectory("auth-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.http = HttpClient.newBuilder().sslContext(sandbox.clientSslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Environment environment() {
        return Environment.sandbox(new TenantId(sandbox.tenantId()), URI.create(sandbox.authority()),
                new Scope(sandbox.scope()), sandbox.apiBaseUri());
    }

    /** Quick settings for tests: the sandbox's trust, short timeouts and backoffs. */
    TokenClientSettings.Builder settings() {
        return TokenClientSettings.builder()
                .sslSocketFactory(sandbox.clientSocketFactory())
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(8))
                .acquireTimeout(Duration.ofSeconds(20))
                .retryBaseDelay(Duration.ofMillis(100))
                .retryMaxDelay(Duration.ofMillis(400));
    }

    Path secretFile(String name, String content) {
        Path file = dir.resolve(name);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a secret file the way an operator's tooling does: write a new file, rename it over the old one. */
    void rotate(Path file, String content) {
        Path next = secretFile(file.getFileName() + ".next", content);
        try {
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An orders application with a secret, mapped to an integration of the same name. */
    AppRegistration registerOrders(String integration) {
        return sandbox.registerApp(io.jakamoconnector.sandbox.AppSpec.orders(integration).integration(integration));
    }

    TokenRegistration secretRegistration(String integration, AppRegistration app, Path secretFile) {
        return new TokenRegistration(new IntegrationName(integration), environment(), new ClientId(app.clientId()),
                CredentialSource.clientSecret(SecretReference.file(secretFile)));
    }

    TokenRegistration secretRegistration(String integration, AppRegistration app) {
        return secretRegistration(integration, app, secretFile(integration + "-" + app.clientId() + ".secret", app.clientSecret()));
    }

    MsalAccessTokenAdapter adapter(TokenClientSettings settings, TokenRegistration... registrations) {
        MsalAccessTokenAdapter adapter = new MsalAccessTokenAdapter(List.of(registrations), settings,
                SecretSources.of(Map.of()), audit, Clock.systemUTC());
        adapters.add(adapter);
        return adapter;
    }

    /**
     * Waits until the journal has not grown for 100 ms (at most 3 s): the sandbox journals a request after its answer
     * is sent, so a client can hold the answer before the journal holds the request.
     */
    void settle() {
        long[] sizeAndQuietSince = {sandbox.journal().requests().size(), System.nanoTime()};
        await("the sandbox's journal to stop growing for 100 ms").atMost(Duration.ofSeconds(3))
                .pollInSameThread().pollDelay(Duration.ofMillis(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    int now = sandbox.journal().requests().size();
                    if (now != sizeAndQuietSince[0]) {
                        sizeAndQuietSince[0] = now;
                        sizeAndQuietSince[1] = System.nanoTime();
                    }
                    return System.nanoTime() - sizeAndQuietSince[1] >= Duration.ofMillis(100).toNanos();
                });
    }

    /** Token requests the sandbox saw from this client id, in order (after {@link #settle()}). */
    List<RequestRecord> tokenRequests(String clientId) {
        settle();
        List<RequestRecord> mine = new ArrayList<>();
        for (RequestRecord r : sandbox.journal().requests(Endpoint.TOKEN)) {
            if (clientId.equals(r.clientId())) {
                mine.add(r);
            }
        }
        return mine;
    }

    /** The journal's last sequence number: {@link #tokenRequestsSince(long)} counts from here. */
    long mark() {
        settle();
        return sandbox.journal().requests().stream().mapToLong(RequestRecord::sequence).max().orElse(0);
    }

    /**
     * Every token request after the mark, whoever sent it (the journal has no client id for requests a fault struck
     * before processing); tests close their adapters, so after the mark they are this test's.
     */
    List<RequestRecord> tokenRequestsSince(long mark) {
        settle();
        return sandbox.journal().requests(Endpoint.TOKEN).stream().filter(r -> r.sequence() > mark).toList();
    }

    List<AuditEvent> audit(AuditAction action, String integration) {
        return trail.events().stream()
                .filter(e -> e.action() == action && e.integration() != null && e.integration().value().equals(integration))
                .toList();
    }

    HttpResponse<String> get(String path, AccessToken token) {
        HttpRequest request = HttpRequest.newBuilder(sandbox.apiBaseUri().resolve(path))
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/xml")
                .timeout(Duration.ofSeconds(10))
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the adapters built so far, so their background refreshes do not meet the next test's faults. */
    void closeAdapters() {
        adapters.forEach(MsalAccessTokenAdapter::close);
        adapters.clear();
    }

    @Override
    public void close() {
        adapters.forEach(MsalAccessTokenAdapter::close);
        sandbox.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
