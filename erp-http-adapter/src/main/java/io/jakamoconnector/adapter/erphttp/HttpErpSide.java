package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.ErpSide;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP integrations of one connector: their spools and inboxes below the adapter's state directory, and one API
 * listener per configured address, bound by {@link #start()} and released by {@link #stop()}.
 */
final class HttpErpSide implements ErpSide {
    private final ErpContext context;
    private final Map<IntegrationName, HttpErpSettings> settings;
    private final Map<String, String> environment;
    private final ApiLimits limits;
    private final Spools spools;
    private final HttpErpOutboxAdapter outbox;
    private final HttpErpInboxAdapter inbox;
    private final HttpErpRetentionAdapter retention;
    private final Map<ListenAddress, Set<IntegrationName>> listeners = new LinkedHashMap<>();
    private final Map<ListenAddress, ErpApiServer> servers = new LinkedHashMap<>();
    private final Map<IntegrationName, WebhookPusher> pushers = new LinkedHashMap<>();
    private ScheduledExecutorService pushing;

    HttpErpSide(ErpContext context, Map<IntegrationName, HttpErpSettings> settings, Map<String, String> environment,
                ApiLimits limits) {
        this.context = context;
        this.settings = Map.copyOf(settings);
        this.environment = Map.copyOf(environment);
        this.limits = limits;
        this.spools = new Spools(context.stateDirectory(), settings.keySet());
        this.outbox = new HttpErpOutboxAdapter(spools, context.clock());
        this.inbox = new HttpErpInboxAdapter(spools, context.clock(), this::nudge);
        this.retention = new HttpErpRetentionAdapter(spools);
        settings.forEach((name, s) -> listeners.computeIfAbsent(s.listen(), a -> new LinkedHashSet<>()).add(name));
    }

    @Override
    public ErpOutboxPort outbox() {
        return outbox;
    }

    @Override
    public ErpInboxPort inbox() {
        return inbox;
    }

    @Override
    public ErpArchiveRetentionPort retention() {
        return retention;
    }

    @Override
    public synchronized void start() {
        if (!servers.isEmpty()) {
            return;
        }
        spools.create();
        Map<IntegrationName, ApiKeyCheck> keys = new LinkedHashMap<>();
        settings.forEach((name, s) -> keys.put(name, new ApiKeyCheck(s.apiKeys())));
        ErpApi api = new ErpApi(context, spools, keys);
        try {
            for (Map.Entry<ListenAddress, Set<IntegrationName>> l : listeners.entrySet()) {
                HttpErpSettings first = settings.get(l.getValue().iterator().next());
                Optional<TlsKeyStore> tls = first.tls().map(t -> new TlsKeyStore(t.keyStore(),
                        t.keyStorePassword().resolve(environment)));
                servers.put(l.getKey(), ErpApiServer.start(l.getKey(), tls, limits, l.getValue(), api));
            }
            startPushing();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startPushing() {
        settings.forEach((name, s) -> s.webhook().ifPresent(w -> pushers.put(name, new WebhookPusher(name,
                spools.inbox(name), w, new WebhookSecret(w.secret().resolve(environment)), context,
                limits.webhookFirstRetry(), limits.webhookTimeout()))));
        if (pushers.isEmpty()) {
            return;
        }
        pushing = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erp-webhook");
            t.setDaemon(true);
            return t;
        });
        pushing.scheduleWithFixedDelay(this::pushAll, 0, limits.webhookTick().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pushAll() {
        List<WebhookPusher> all;
        synchronized (this) {
            all = List.copyOf(pushers.values());
        }
        for (WebhookPusher pusher : all) {
            pusher.pushDue();
        }
    }

    /** A message was published: push it now rather than at the next tick. */
    private void nudge(IntegrationName integration) {
        ScheduledExecutorService executor;
        WebhookPusher pusher;
        synchronized (this) {
            executor = pushing;
            pusher = pushers.get(integration);
        }
        if (executor != null && pusher != null) {
            try {
                executor.execute(pusher::pushDue);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: the message waits in the inbox, pushed after the next start or fetched by the ERP
            }
        }
    }

    /** The pusher of {@code integration}, for a test that drives it step by step. */
    synchronized Optional<WebhookPusher> pusher(IntegrationName integration) {
        return Optional.ofNullable(pushers.get(integration));
    }

    @Override
    public synchronized void stop() {
        if (pushing != null) {
            pushing.shutdownNow();
            pushing = null;
        }
        pushers.clear();
        for (ErpApiServer server : servers.values()) {
            server.close();
        }
        servers.clear();
    }

    /** The API's base address for {@code integration}, with the bound port; empty before {@link #start()}. */
    synchronized Optional<URI> baseUri(IntegrationName integration) {
        ErpApiServer server = servers.get(settingsOf(integration).listen());
        return server == null ? Optional.empty() : Optional.of(server.baseUri());
    }

    private HttpErpSettings settingsOf(IntegrationName integration) {
        HttpErpSettings s = settings.get(integration);
        if (s == null) {
            throw new ErpAccessException("integration " + integration + " is not an HTTP integration of this "
                    + "connector; check its erp.type in the configuration", false, null);
        }
        return s;
    }

    @Override
    public List<ErpCheck> check(IntegrationName integration) {
        HttpErpSettings s = settingsOf(integration);
        List<ErpCheck> checks = new ArrayList<>();
        String spoolName = "http spool " + integration;
        try {
            spools.create();
            var probe = Files.createTempFile(spools.spool(integration).directory(), ".probe-", ".tmp");
            Files.delete(probe);
            checks.add(ErpCheck.ok(spoolName, "writable, " + spools.spool(integration).waitingCount()
                    + " document(s) waiting, under " + spools.spool(integration).directory().getParent()));
        } catch (IOException | ErpAccessException e) {
            checks.add(ErpCheck.fail(spoolName, "cannot write " + spools.spool(integration).directory() + " ("
                    + e.getMessage() + "); the service's user must own the connector's data directory"));
        }
        s.tls().ifPresent(t -> checks.add(tlsCheck(s.listen(), t)));
        checks.add(listenerCheck(integration, s));
        return checks;
    }

    private ErpCheck tlsCheck(ListenAddress listen, TlsSettings tls) {
        String name = "http tls " + listen;
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, tls.keyStorePassword().resolve(environment).toCharArray());
            return ErpCheck.ok(name, "key store " + tls.keyStore() + " opens with the password from "
                    + tls.keyStorePassword());
        } catch (ErpAccessException e) {
            return ErpCheck.fail(name, e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            return ErpCheck.fail(name, "key store " + tls.keyStore() + " cannot be opened with the password from "
                    + tls.keyStorePassword() + " (" + e.getClass().getSimpleName() + "); make it a PKCS#12 file "
                    + "readable by the service's user, e.g. openssl pkcs12 -export -in cert.pem -inkey key.pem -out "
                    + tls.keyStore());
        }
    }

    private synchronized ErpCheck listenerCheck(IntegrationName integration, HttpErpSettings s) {
        String name = "http listener " + s.listen();
        ErpApiServer server = servers.get(s.listen());
        if (server != null && server.running()) {
            return ErpCheck.ok(name, "listening on " + server.baseUri() + ErpApi.BASE + integration + "/, "
                    + s.apiKeys().size() + " API key(s)");
        }
        return ErpCheck.ok(name, "configured (" + s.describe() + "); bound when the service starts");
    }

    @Override
    public List<ErpCheck> health(IntegrationName integration) {
        HttpErpSettings s = settingsOf(integration);
        List<ErpCheck> checks = new ArrayList<>();
        ErpApiServer server;
        synchronized (this) {
            server = servers.get(s.listen());
        }
        checks.add(server != null && server.running()
                ? ErpCheck.ok("http listener " + s.listen(), "listening")
                : ErpCheck.fail("http listener " + s.listen(), "not listening; the service's log says why it "
                + "did not start or stopped"));
        OptionalLong waiting = waiting(integration);
        checks.add(waiting.isPresent()
                ? ErpCheck.ok("http spool " + integration, waiting.getAsLong() + " document(s) waiting")
                : ErpCheck.fail("http spool " + integration, "cannot be read; the service's log says why"));
        return checks;
    }

    @Override
    public OptionalLong waiting(IntegrationName integration) {
        try {
            return OptionalLong.of(spools.spool(integration).waitingCount());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Duration settleTime(IntegrationName integration) {
        settingsOf(integration);
        return Duration.ZERO;
    }
}
