package io.jakamoconnector.reliability;

import io.jakamoconnector.adapter.persistence.TestDatabase;
import io.jakamoconnector.app.cli.ConnectorProcess;
import io.jakamoconnector.app.cli.SandboxBed;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What every process-level reliability test stands on: a PostgreSQL that outlives the connector processes (a fresh
 * database on the test JVM's server from the persistence test-jar's {@link TestDatabase}, given to the children as an
 * external database), the sandbox (fake Entra ID and Jakamo, in this JVM, with its journal) with one purchase-orders
 * integration {@code orders}, and any number of connector processes ({@code java -jar app/target/jakamo-connector.jar
 * run}) on that configuration, which a test kills with SIGKILL, pauses with SIGSTOP and resumes with SIGCONT.
 * <pre>{@code
 * try (Harness h = Harness.start(dir, 1, 1)) {           // poll the queue and scan to_jakamo every second
 *     h.sandbox().jakamo().enqueue(Harness.ORDERS, xml);
 *     ConnectorProcess p = h.start("node-a");            // JAKAMO_CONNECTOR_NODE=node-a
 *     h.kill(p);                                         // SIGKILL, and wait until it is gone
 *     h.inboundRows(); h.outboundRows(); h.lease(); h.audit("DOCUMENT_IN_DOUBT");   // what the database says
 * }
 * }</pre>
 * Sizes: {@link #size} reads a system property and otherwise picks the CI size, or the full size when
 * {@code -Dreliability.full=true}; {@link #seed} prints the seed it uses ({@code -Dreliability.seed=} replays);
 * {@link #writeResult} keeps a summary line in {@code target/reliability-results/} for {@code docs/reliability.md}.
 * The child JVMs run with C1 only, the serial collector ({@link #CHILD_JVM_OPTIONS}) and a class-data archive made by
 * a warm-up run of the connector, so that dozens of start-ups fit CI on two cores; the connector's code paths are the
 * same.
 */
public final class Harness implements AutoCloseable {
    public static final String ORDERS = SandboxBed.ORDERS;
    public static final String CHILD_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m";

    public final Path dir;
    public final TestDatabase db;
    public final SandboxBed bed;
    private final Map<String, Map<String, String>> nodeEnvironment = new HashMap<>();
    private final List<ConnectorProcess> processes = new ArrayList<>();

    private Harness(Path dir, TestDatabase db, SandboxBed bed) {
        this.dir = dir;
        this.db = db;
        this.bed = bed;
    }

    /** A fresh database and sandbox; the connector polls the queue every {@code inboundSeconds} and scans to_jakamo
     *  every {@code outboundSeconds}, and takes a file as complete after 1 s unchanged. */
    public static Harness start(Path dir, int inboundSeconds, int outboundSeconds) throws IOException {
        TestDatabase db = TestDatabase.create();
        try {
            SandboxBed bed = new SandboxBed(dir, """
                    polling: { inboundSeconds: %d, outboundSeconds: %d }
                    health: { port: 0 }
                    shutdown: { graceSeconds: 10 }
                    database:
                      url: %s
                      user: %s
                      password: { env: TEST_DB_PASSWORD }
                      allowUnverifiedTls: true    # JAKAMO_TEST_JDBC_URL may name a test server on another host
                    """.formatted(inboundSeconds, outboundSeconds, db.jdbcUrl(), db.user()));
            Harness harness = new Harness(dir, db, bed);
            harness.classArchive();   // before the test puts any work in place: the warm-up finds none
            return harness;
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Sandbox sandbox() {
        return bed.sandbox;
    }

    // ---- connector processes

    /** The packaged connector: {@code -Djakamo.connector.jar}, set by the module's pom to app's. */
    public static Path connectorJar() {
        return Path.of(System.getProperty("jakamo.connector.jar", "../app/target/jakamo-connector.jar"));
    }

    /** The environment a node's process gets: the configuration, its node name, the database password. */
    public Map<String, String> environment(String node) {
        Path archive = classArchive();
        Map<String, String> env = new HashMap<>(Map.of(
                "JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_FOLDERS_STABLESECONDS", "1",
                "JAKAMO_CONNECTOR_NODE", node,
                "TEST_DB_PASSWORD", new String(db.password()),
                "JAVA_TOOL_OPTIONS", CHILD_JVM_OPTIONS
                        + (archive == null ? "" : " -XX:SharedArchiveFile=" + archive)));
        env.putAll(nodeEnvironment.getOrDefault(node, Map.of()));
        return env;
    }

    /**
     * Gives the node an app registration of its own, mapped to the same integration, so the sandbox's journal tells
     * the nodes' requests apart by client id. Returns the client id.
     */
    public String ownApp(String node) throws IOException {
        AppRegistration app = sandbox().registerApp(AppSpec.orders("erp-orders-" + node).integration(ORDERS));
        Path secret = dir.resolve(node + ".secret");
        Files.deleteIfExists(secret);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, app.clientSecret(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        nodeEnvironment.put(node, Map.of(
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_CLIENTID", app.clientId(),
                "JAKAMO_CONNECTOR_INTEGRATIONS_ORDERS_CLIENTSECRET_FILE", secret.toString()));
        return app.clientId();
    }

    private static Path classArchive;
    private static boolean archiveTried;

    /** An integration whose ERP side is the HTTP adapter: its API's base and the one key the ERP holds. */
    public record HttpIntegration(String name, URI base, String keyId, String key) {
        /** The ERP of this integration, retrying each call for up to {@code patience}. */
        public SimulatedErp erp(Duration patience) {
            return new SimulatedErp(base, name, key, patience);
        }
    }

    /**
     * Adds a purchase-orders integration {@code name} with {@code erp: { type: http }} beside the folder one: an app
     * registration of its own at the sandbox (so the sandbox's Jakamo has its queue and journals its documents by
     * integration), a listener on a free loopback port, and one API key whose SHA-256 alone goes into the
     * configuration. Before the first {@link #start}: the processes read the file when they start.
     */
    public HttpIntegration addHttpIntegration(String name) throws IOException {
        AppRegistration app = sandbox().registerApp(AppSpec.orders("erp-" + name).integration(name));
        Path secret = dir.resolve(name + ".secret");
        Files.deleteIfExists(secret);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, app.clientSecret(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);   // what `openssl rand -hex 32` gives an operator
        String keyId = name + "-key-1";
        String item = """
                  - name: %s
                    kind: purchase-orders
                    environment: sandbox
                    clientId: %s
                    clientSecret: { file: "%s" }
                    erp:
                      type: http
                      listen: 127.0.0.1:%d
                      apiKeys:
                        - id: %s
                          sha256: %s
                """.formatted(name, app.clientId(), secret, port, keyId,
                sha256(key.getBytes(StandardCharsets.UTF_8)));
        // the sandbox wrote the folder integration's item first under "integrations:"; the new one goes before it
        Path config = bed.files.configFile();
        String yaml = Files.readString(config);
        if (!yaml.contains("\nintegrations:\n")) {
            throw new IllegalStateException("no integrations list in " + config);
        }
        Files.writeString(config, yaml.replaceFirst("\nintegrations:\n",
                java.util.regex.Matcher.quoteReplacement("\nintegrations:\n" + item)));
        return new HttpIntegration(name, URI.create("http://127.0.0.1:" + port), keyId, key);
    }

    /**
     * A class-data archive of the connector's classes (AppCDS), written once per test JVM by a warm-up process that
     * starts, polls and stops gracefully, so the dozens of child start-ups that follow load their classes from it;
     * null if it could not be made (the children then start without it).
     */
    private synchronized Path classArchive() {
        if (archiveTried) {
            return classArchive;
        }
        archiveTried = true;
        Path archive = Path.of(System.getProperty("reliability.results", "target/reliability-results"))
                .resolveSibling("jakamo-connector.jsa").toAbsolutePath();
        try {
            Files.deleteIfExists(archive);
            Map<String, String> env = new HashMap<>(Map.of(
                    "JAKAMO_CONNECTOR_CONFIG", bed.files.configFile().toString(),
                    "JAKAMO_CONNECTOR_NODE", "warm-up",
                    "TEST_DB_PASSWORD", new String(db.password()),
                    "JAVA_TOOL_OPTIONS", CHILD_JVM_OPTIONS + " -XX:ArchiveClassesAtExit=" + archive));
            ConnectorProcess warmUp = ConnectorProcess.start(connectorJar(), dir, env, "run");
            try {
                warmUp.awaitOut(l -> l.contains("jakamo-connector running"), Duration.ofSeconds(90));
                Thread.sleep(3000);
                warmUp.terminate(Duration.ofSeconds(60));
            } finally {
                warmUp.close();
            }
            classArchive = Files.exists(archive) ? archive : null;
        } catch (IOException | RuntimeException | AssertionError e) {
            System.out.println("no class-data archive for the children (" + e + "); they start without it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return classArchive;
    }

    /** {@code jakamo-connector run} as the node; closed (SIGKILL if still alive) with the harness. */
    public ConnectorProcess start(String node) throws IOException {
        ConnectorProcess process = ConnectorProcess.start(connectorJar(), dir, environment(node), "run");
        processes.add(process);
        return process;
    }

    /** SIGKILL ({@code Process.destroyForcibly()} on Linux), then waits until the process is gone. */
    public static void kill(ConnectorProcess process) throws InterruptedException {
        process.process.destroyForcibly();
        if (!process.process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("pid " + process.process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with kill(1). */
    public static void signal(ConnectorProcess process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.process.pid()))
                .redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.process.pid() + " failed: " + said);
        }
    }

    /** Waits until the condition holds; false when {@code timeout} passed first. */
    public static boolean await(BooleanSupplier condition, Duration timeout, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(pollMillis);
        }
        return true;
    }

    // ---- the database, read directly (the children hold no state the database does not)

    public record InboundRow(long id, String sha256, String state, String deliveredAs, long fencingToken,
                             Instant receivedAt) {
    }

    public record OutboundRow(long id, String fileName, String sha256, String businessKey, String state,
                              int attempts, String claimedBy, String lastError, Instant archivedAt) {
    }

    public record LeaseRow(String holder, long fencingToken, Instant acquiredAt) {
    }

    public record AuditRow(long seq, Instant ts, String node, String action, String outcome, String businessKey,
                           String fileName, String sha256, String reason) {
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        try (Connection c = db.ownerConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql, e);
        }
    }

    public int update(String sql) {
        try (Connection c = db.ownerConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("test update failed: " + sql, e);
        }
    }

    /** Every inbound row; before the first connector migrated the schema, none. */
    public List<InboundRow> inboundRows() {
        if (!schemaExists()) {
            return List.of();
        }
        return query("SELECT id, sha256, state, delivered_as, fencing_token, received_at FROM inbound_message "
                + "ORDER BY id", rs -> new InboundRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5), instant(rs.getTimestamp(6))));
    }

    public List<OutboundRow> outboundRows() {
        if (!schemaExists()) {
            return List.of();
        }
        return query("SELECT id, file_name, sha256, business_key, state, attempts, claimed_by, last_error, "
                + "archived_at FROM outbound_document ORDER BY id", rs -> new OutboundRow(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7),
                rs.getString(8), instant(rs.getTimestamp(9))));
    }

    /** The orders queue's lease row, or null before anyone took it. */
    public LeaseRow lease() {
        if (!schemaExists()) {
            return null;
        }
        List<LeaseRow> rows = query("SELECT holder, fencing_token, acquired_at FROM queue_lease WHERE integration = ?",
                rs -> new LeaseRow(rs.getString(1), rs.getLong(2), instant(rs.getTimestamp(3))), ORDERS);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Audit events with this action ({@code LEASE_ACQUIRED}, {@code DOCUMENT_IN_DOUBT}, ...; stored in lower case). */
    public List<AuditRow> audit(String action) {
        if (!schemaExists()) {
            return List.of();
        }
        return query("SELECT seq, ts, node, action, outcome, business_key, file_name, sha256, reason FROM audit_event "
                + "WHERE action = ? ORDER BY seq", rs -> new AuditRow(rs.getLong(1), instant(rs.getTimestamp(2)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9)), action.toLowerCase(java.util.Locale.ROOT));
    }

    private boolean schemaExists() {
        return !query("SELECT 1 FROM pg_tables WHERE tablename = 'queue_lease'", rs -> 1).isEmpty();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    // ---- the ERP folders

    /** The regular files in one ERP folder: to_jakamo, from_jakamo, processed or failed. */
    public List<Path> files(String folder) {
        try {
            return bed.files(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The ERP drops an Order and says it is complete with a {@code .done} marker (one of the ways
     * {@code docs/configuration.md} offers), so the connector takes it at its next scan; without the marker a file must
     * be seen unchanged by two scans of one process, which a process killed every few seconds may never do.
     * Returns the SHA-256 of the bytes dropped.
     */
    public String dropOrder(String number) throws IOException {
        byte[] bytes = io.jakamoconnector.domain.testing.Documents.order(number).getBytes(StandardCharsets.UTF_8);
        Path toJakamo = Files.createDirectories(bed.folder("to_jakamo"));
        Path temp = toJakamo.resolve(".po-" + number + ".xml.part");
        Files.write(temp, bytes);
        Files.move(temp, toJakamo.resolve("po-" + number + ".xml"));
        Files.createFile(toJakamo.resolve("po-" + number + ".xml.done"));
        return sha256(bytes);
    }

    /** Content SHA-256 → how many files in the folder have it (regular files, hidden ones included). */
    public Map<String, Integer> fileHashes(String folder) throws IOException {
        Map<String, Integer> hashes = new LinkedHashMap<>();
        for (Path file : bed.files(folder)) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".error.txt") && !name.endsWith(".done")) {
                hashes.merge(sha256(Files.readAllBytes(file)), 1, Integer::sum);
            }
        }
        return hashes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    // ---- sizes, seeds, results

    /** Whether {@code -Dreliability.full=true} asks for the full size (issue #8) instead of the CI size. */
    public static boolean full() {
        return Boolean.parseBoolean(System.getProperty("reliability.full", "false"));
    }

    /** {@code -D<property>} if set, else the full or the CI size. */
    public static int size(String property, int ci, int fullSize) {
        String value = System.getProperty(property, "");
        return value.isBlank() ? (full() ? fullSize : ci) : Integer.parseInt(value.trim());
    }

    /** {@code -Dreliability.seed} if set, else a new one; printed either way, so a failing run can be replayed. */
    public static long seed(String test) {
        String value = System.getProperty("reliability.seed", "");
        long seed = value.isBlank() ? System.nanoTime() ^ System.currentTimeMillis() : Long.parseLong(value.trim());
        System.out.println(test + ": seed " + seed + " (replay with -Dreliability.seed=" + seed + ")");
        return seed;
    }

    /** Prints the summary line and writes it to {@code target/reliability-results/<name>.txt}. */
    public static Path writeResult(String name, String line) throws IOException {
        System.out.println("RELIABILITY " + name + ": " + line);
        Path directory = Files.createDirectories(Path.of(System.getProperty("reliability.results",
                "target/reliability-results")));
        return Files.writeString(directory.resolve(name + ".txt"), Instant.now() + " " + line + "\n",
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (ConnectorProcess process : processes) {
            if (process.process.isAlive()) {
                process.process.destroyForcibly();
                try {
                    process.process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            bed.close();
        } finally {
            db.close();
        }
    }
}
