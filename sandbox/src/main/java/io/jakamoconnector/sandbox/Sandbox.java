package io.jakamoconnector.sandbox;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Microsoft Entra ID and Jakamo API over HTTPS on loopback, for tests, demos and integrators.
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().start()) {
 *     AppRegistration app = sandbox.registerApp(AppSpec.orders("erp").integration("orders"));
 *     // MSAL: .authority(sandbox.authority()).instanceDiscovery(false).sslSocketFactory(sandbox.clientSocketFactory())
 *     // HTTP: HttpClient.newBuilder().sslContext(sandbox.clientSslContext()), base sandbox.apiBaseUri()
 * }
 * }</pre>
 * TLS material is generated at start (a throw-away CA whose key is discarded after issuing the server certificate);
 * trust it through {@link #clientSslContext()} or the PEM from {@link #writeCaCertificatePem(Path)}, never JVM-wide.
 */
public final class Sandbox implements AutoCloseable {
    /** The tenant id used unless the builder sets another; the same as in {@code docs/configuration.md}. */
    public static final String DEFAULT_TENANT_ID = "5d1f1c4e-0000-4000-8000-000000000001";
    /** The API's resource (application ID URI); tokens carry it as {@code aud}, the scope is it plus {@code /.default}. */
    public static final String DEFAULT_RESOURCE = "https://sandbox.jakamoapp.local";

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final String tenantId;
    private final String resource;
    private final Clock clock;
    private final TlsMaterial tls;
    private final HttpsServer entraServer;
    private final HttpsServer apiServer;
    private final ExecutorService entraExecutor;
    private final ExecutorService apiExecutor;
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final URI entraBase;
    private final URI apiBase;
    private final Journal journal = new Journal();
    private final Faults faults;
    private volatile Duration apiLatency = Duration.ZERO;
    private final FakeEntra entra;
    private final FakeJakamo jakamo;

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise, so each answer waited about 45 ms for
        // the client's delayed ACK (measured by the benchmarks: 47 ms a request, 3-4 ms without). Read once, when the
        // server classes load: set before the first server of this JVM is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private Sandbox(Builder builder) throws IOException {
        this.tenantId = builder.tenantId;
        this.resource = builder.resource;
        this.clock = builder.clock;
        this.faults = new Faults(builder.randomSeed);
        CompletableFuture<RSAKey> signingKey = CompletableFuture.supplyAsync(TokenService::newKey,
                runnable -> daemonThreads("sandbox-keygen").newThread(runnable).start());
        this.tls = TlsMaterial.generate();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.entraServer = HttpsServer.create(new InetSocketAddress(loopback, builder.entraPort), 0);
        try {
            this.apiServer = HttpsServer.create(new InetSocketAddress(loopback, builder.apiPort), 0);
        } catch (IOException e) {
            entraServer.stop(0);
            throw e;
        }
        this.entraBase = URI.create("https://127.0.0.1:" + entraServer.getAddress().getPort());
        this.apiBase = URI.create("https://127.0.0.1:" + apiServer.getAddress().getPort());

        Registry registry = new Registry();
        TokenService tokens = new TokenService(oidcAuthority(), resource, tenantId, signingKey);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("sandbox-supplier"));
        this.entra = new FakeEntra(registry, tokens, clock);
        this.jakamo = new FakeJakamo(registry, clock, scheduler);
        entra.attach(jakamo);
        jakamo.apiBase(apiBase.toString());

        EntraEndpoints entraEndpoints = new EntraEndpoints(entra, registry, tokens, clock, tenantId, resource);
        entraEndpoints.baseUri(entraBase.toString());
        ControlApi control = builder.controlApi ? new ControlApi(this) : null;
        JakamoEndpoints apiEndpoints = new JakamoEndpoints(jakamo, registry, journal, clock,
                new ApiAuth(registry, tokens, clock), control);

        this.entraExecutor = Executors.newCachedThreadPool(daemonThreads("sandbox-entra"));
        this.apiExecutor = Executors.newCachedThreadPool(daemonThreads("sandbox-api"));
        configure(entraServer, entraExecutor, new Dispatcher("entra", entraEndpoints, faults, journal, clock, entraEndpoints, closing,
                () -> Duration.ZERO));
        configure(apiServer, apiExecutor, new Dispatcher("api", apiEndpoints, faults, journal, clock, apiEndpoints, closing,
                () -> apiLatency));
        entraServer.start();
        apiServer.start();
        LOG.info("sandbox started: Entra ID at {} (tenant {}), Jakamo API at {}", entraBase, tenantId, apiBase);
    }

    private void configure(HttpsServer server, ExecutorService executor, Dispatcher dispatcher) {
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.setExecutor(executor);
        server.createContext("/", dispatcher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a sandbox on ephemeral ports with the defaults. */
    public static Sandbox start() {
        return builder().start();
    }

    /**
     * Starts a sandbox as {@code SandboxMain} does: registers an orders app (mapped to the purchase-orders
     * integration {@code orders}) and a claims app (integration {@code claims}) and writes the connector's files into
     * {@code directory}. Ports 0 mean ephemeral. The app's {@code demo} command can call this in-process.
     */
    public static StandaloneSandbox startStandalone(Path directory, int entraPort, int apiPort) throws IOException {
        Sandbox sandbox = builder().entraPort(entraPort).apiPort(apiPort).start();
        try {
            AppRegistration orders = sandbox.registerApp(AppSpec.orders("orders").integration("orders"));
            AppRegistration claims = sandbox.registerApp(AppSpec.claims("claims").integration("claims"));
            ConnectorConfigFiles files = sandbox.writeConnectorConfig(directory);
            return new StandaloneSandbox(sandbox, files, List.of(orders, claims));
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    // ---- where things are --------------------------------------------------------------------------------------

    /** {@code https://127.0.0.1:<port>} of the fake Entra ID. */
    public URI entraBaseUri() {
        return entraBase;
    }

    public String tenantId() {
        return tenantId;
    }

    /** For MSAL's {@code .authority(...)}: {@code https://127.0.0.1:<port>/<tenant>/}. Use with {@code instanceDiscovery(false)}. */
    public String authority() {
        return entraBase + "/" + tenantId + "/";
    }

    /** For MSAL's {@code .oidcAuthority(...)} (its cache works on any port): {@code …/<tenant>/v2.0}, equal to the discovery issuer and the tokens' {@code iss}. */
    public String oidcAuthority() {
        return entraBase + "/" + tenantId + "/v2.0";
    }

    public String tokenEndpoint() {
        return entraBase + "/" + tenantId + "/oauth2/v2.0/token";
    }

    /** {@code https://127.0.0.1:<port>} of the fake Jakamo; paths start with {@code /api}. */
    public URI apiBaseUri() {
        return apiBase;
    }

    /** The client-credentials scope, {@code https://sandbox.jakamoapp.local/.default} by default. */
    public String scope() {
        return resource + "/.default";
    }

    /** The tokens' {@code aud}. */
    public String resource() {
        return resource;
    }

    public Clock clock() {
        return clock;
    }

    // ---- trust ---------------------------------------------------------------------------------------------------

    /** Trusts this sandbox's CA only: for {@code HttpClient.newBuilder().sslContext(...)}. */
    public SSLContext clientSslContext() {
        return tls.clientContext();
    }

    /** For MSAL's {@code .sslSocketFactory(...)}. */
    public SSLSocketFactory clientSocketFactory() {
        return tls.clientContext().getSocketFactory();
    }

    /** An in-memory PKCS12 trust store holding the CA certificate. */
    public KeyStore trustStore() {
        return tls.trustStore();
    }

    public X509Certificate caCertificate() {
        return tls.caCertificate();
    }

    public String caCertificatePem() {
        return Pem.certificate(tls.caCertificate());
    }

    /** Writes the CA certificate as PEM (what {@code caCertificate:} in the connector's configuration points at). */
    public Path writeCaCertificatePem(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
        return file;
    }

    // ---- control -------------------------------------------------------------------------------------------------

    public FakeEntra entra() {
        return entra;
    }

    public FakeJakamo jakamo() {
        return jakamo;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Answers every call to the Jakamo API (not Entra's, not the control API's) {@code perCall} later, as a Jakamo a
     * WAN round trip away would; on top of any fault, and switchable while clients call. {@link Duration#ZERO}: at once.
     */
    public Sandbox apiLatency(Duration perCall) {
        if (perCall == null || perCall.isNegative()) {
            throw new IllegalArgumentException("apiLatency: a non-negative duration, not " + perCall);
        }
        this.apiLatency = perCall;
        return this;
    }

    /** The latency {@link #apiLatency(Duration)} set; zero by default. */
    public Duration apiLatency() {
        return apiLatency;
    }

    public Journal journal() {
        return journal;
    }

    /** Shorthand for {@code entra().registerApp(spec)}. */
    public AppRegistration registerApp(AppSpec spec) {
        return entra.registerApp(spec);
    }

    /** Shorthand for {@code jakamo().addIntegration(spec)}. */
    public Integration addIntegration(IntegrationSpec spec) {
        return jakamo.addIntegration(spec);
    }

    /**
     * Writes into {@code directory} what the connector needs to run against this sandbox: {@code sandbox-ca.pem},
     * one {@code <integration>.secret} (owner-only) per mapped app with a secret, and {@code jakamo-connector.yml} in
     * the shape of {@code docs/configuration.md}, with absolute paths and ERP folder roots under {@code erp/}.
     * The files are valid while this sandbox runs.
     */
    public ConnectorConfigFiles writeConnectorConfig(Path directory) throws IOException {
        return ConnectorConfigWriter.write(this, directory.toAbsolutePath().normalize(), entra.secretsForConfig());
    }

    /** Stops both servers at once; hung requests are released and their connections closed. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        entraServer.stop(0);
        apiServer.stop(0);
        entraExecutor.shutdownNow();
        apiExecutor.shutdownNow();
        scheduler.shutdownNow();
        LOG.info("sandbox stopped");
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Options; everything else is switched at run time through {@link #entra()}, {@link #jakamo()} and {@link #faults()}. */
    public static final class Builder {
        private int entraPort;
        private int apiPort;
        private String tenantId = DEFAULT_TENANT_ID;
        private String resource = DEFAULT_RESOURCE;
        private Clock clock = Clock.systemUTC();
        private long randomSeed = new SecureRandom().nextLong();
        private boolean controlApi = true;

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder entraPort(int port) {
            this.entraPort = checkPort(port);
            return this;
        }

        public Builder apiPort(int port) {
            this.apiPort = checkPort(port);
            return this;
        }

        public Builder tenantId(String tenant) {
            UUID.fromString(Objects.requireNonNull(tenant, "tenantId"));
            this.tenantId = tenant;
            return this;
        }

        /** The API's application ID URI, e.g. {@code https://sandbox.jakamoapp.local} (no trailing slash). */
        public Builder resource(String applicationIdUri) {
            URI uri = URI.create(Objects.requireNonNull(applicationIdUri, "resource"));
            if (uri.getScheme() == null || applicationIdUri.endsWith("/")) {
                throw new IllegalArgumentException("resource: an absolute URI without trailing slash, not " + applicationIdUri);
            }
            this.resource = applicationIdUri;
            return this;
        }

        /** The clock for tokens, approval and the journal; see {@link AdjustableClock}. */
        public Builder clock(Clock sandboxClock) {
            this.clock = Objects.requireNonNull(sandboxClock, "clock");
            return this;
        }

        /** Seeds the draws of probabilistic faults, so a run can be repeated. */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** Serve {@code /_sandbox/…} on the API port (default true). */
        public Builder controlApi(boolean enabled) {
            this.controlApi = enabled;
            return this;
        }

        public Sandbox start() {
            try {
                return new Sandbox(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the sandbox (port in use?)", e);
            }
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: 0-65535, not " + port);
            }
            return port;
        }
    }
}
