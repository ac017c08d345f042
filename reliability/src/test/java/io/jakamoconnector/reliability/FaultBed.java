package io.jakamoconnector.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.persistence.TestDatabase;
import io.jakamoconnector.app.config.ConfigLoader;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.daemon.ConnectorService;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Injectors;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.domain.testing.Documents;
import io.jakamoconnector.sandbox.AppRegistration;
import io.jakamoconnector.sandbox.AppSpec;
import io.jakamoconnector.sandbox.ConnectorConfigFiles;
import io.jakamoconnector.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * What the fault-matrix, canary, XML-attack, audit and soak suites share: the sandbox (fake Entra ID and Jakamo) with
 * one purchase-orders integration, a real PostgreSQL (the persistence test-jar's fixture) reached through a
 * {@link TcpFaultProxy}, and the connector itself run in this JVM through the app's own composition root
 * ({@link Composition#service}, the strict injector, {@link Lifecycle} and {@link ConnectorService}), exactly as
 * {@code jakamo-connector run} wires it, minus the health server.
 */
final class FaultBed implements AutoCloseable {
    static final String ORDERS = "orders";
    /** {@code -Dreliability.full=true}: the full sizes of docs/reliability.md; otherwise the CI sizes. */
    static final boolean FULL = Boolean.getBoolean("reliability.full");
    static final Path RESULTS = Path.of(System.getProperty("reliability.results", "target/reliability-results"));

    final Sandbox sandbox;
    final TestDatabase db;
    final TcpFaultProxy dbProxy;
    final ConnectorConfigFiles files;
    final Path dir;
    final int pollSeconds;
    final LogCapture logs = new LogCapture();
    final AppRegistration ordersApp;

    /**
     * @param extraYaml appended to the configuration (after database and polling), e.g. another integration
     */
    FaultBed(Path dir, int pollSeconds, Sandbox sandbox, TestDatabase db, String dbUser, String dbPassword,
             String extraYaml) throws IOException {
        this.dir = dir;
        this.pollSeconds = pollSeconds;
        this.sandbox = sandbox;
        this.db = db;
        Matcher hostPort = Pattern.compile("//([^/:]+):(\\d+)/").matcher(db.jdbcUrl());
        if (!hostPort.find()) {
            throw new IllegalStateException("no host:port in the test database URL");
        }
        this.dbProxy = new TcpFaultProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        this.ordersApp = sandbox.registerApp(AppSpec.orders("erp-orders").integration(ORDERS));
        this.files = sandbox.writeConnectorConfig(dir);
        Path passwordFile = dir.resolve("db.password");
        Files.writeString(passwordFile, dbPassword);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        String yaml = Files.readString(files.configFile()) + "\n"
                + "node: reliability-1\n"
                + "database:\n"
                + "  url: jdbc:postgresql://127.0.0.1:" + dbProxy.port() + "/" + db.name() + "\n"
                + "  user: " + dbUser + "\n"
                + "  password: { file: \"" + passwordFile + "\" }\n"
                + "polling:\n"
                + "  inboundSeconds: " + pollSeconds + "\n"
                + "  outboundSeconds: " + pollSeconds + "\n"
                + "  senders: 2\n"
                + "health: { bind: 127.0.0.1, port: 0 }\n"
                + "shutdown: { graceSeconds: 5 }\n"
                + extraYaml;
        Files.writeString(files.configFile(), yaml);
    }

    /** The usual bed: a fresh database owned by the fixture's user. */
    static FaultBed create(Path dir, int pollSeconds) throws IOException {
        TestDatabase db = TestDatabase.create();
        return new FaultBed(dir, pollSeconds, Sandbox.builder().start(), db, db.user(),
                new String(db.password()), "");
    }

    Path config() {
        return files.configFile();
    }

    Path folder(String name) {
        return files.folderRoots().get(ORDERS).resolve(name);
    }

    /** The connector as {@code run} wires it, started in this JVM. */
    Connector start() {
        ConnectorConfig config = new ConfigLoader(Map.of(), dir).load(Optional.of(files.configFile()));
        Injector injector = Injectors.strict(Stage.PRODUCTION, Composition.service(config, Clock.systemUTC()));
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        ConnectorService service = injector.getInstance(ConnectorService.class);
        lifecycle.start();
        service.start();
        return new Connector(lifecycle, service);
    }

    record Connector(Lifecycle lifecycle, ConnectorService service) implements AutoCloseable {
        @Override
        public void close() {
            try {
                service.stop();
            } finally {
                lifecycle.close();
            }
        }
    }

    /** Supplier answers for orders {@code prefix-1..n}, queued at Jakamo; returns the order numbers. */
    List<String> enqueueResponses(String prefix, int n) {
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String number = prefix + "-" + i;
            sandbox.jakamo().enqueue(ORDERS, Documents.orderResponse(number, "SO-" + number));
            numbers.add(number);
        }
        return numbers;
    }

    /** Orders {@code prefix-1..n} dropped by the ERP, each complete at once (a {@code .done} marker). */
    List<String> dropOrders(String prefix, int n) throws IOException {
        List<String> numbers = new ArrayList<>();
        Path toJakamo = Files.createDirectories(folder("to_jakamo"));
        for (int i = 1; i <= n; i++) {
            String number = prefix + "-" + i;
            dropFile(toJakamo, "po-" + number + ".xml", Documents.order(number).getBytes(StandardCharsets.UTF_8));
            numbers.add(number);
        }
        return numbers;
    }

    /** Writes a file under a hidden name, renames it in, then its {@code .done} marker. */
    static void dropFile(Path toJakamo, String name, byte[] content) throws IOException {
        Path temp = toJakamo.resolve("." + name + ".part");
        Files.write(temp, content);
        Files.move(temp, toJakamo.resolve(name));
        Files.writeString(toJakamo.resolve(name + ".done"), "");
    }

    /** Files the connector delivered into {@code from_jakamo} whose name contains the text. */
    long delivered(String contains) throws IOException {
        Path from = folder("from_jakamo");
        if (!Files.isDirectory(from)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(from)) {
            return list.filter(p -> p.getFileName().toString().contains(contains)
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    /** One inbound_message row as the test reads it straight from PostgreSQL (not through the proxy). */
    record InboundRow(String businessKey, String state, Instant receivedAt, Instant acknowledgedAt) {
    }

    List<InboundRow> inboundRows() throws SQLException {
        List<InboundRow> rows = new ArrayList<>();
        try (Connection c = db.ownerConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT business_key, state, received_at, acknowledged_at FROM inbound_message");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new InboundRow(r.getString(1), r.getString(2), instant(r.getTimestamp(3)),
                        instant(r.getTimestamp(4))));
            }
        }
        return rows;
    }

    /** business key → outbound state (SENT, IN_DOUBT, …). */
    Map<String, String> outboundStates() throws SQLException {
        Map<String, String> states = new HashMap<>();
        try (Connection c = db.ownerConnection();
             PreparedStatement s = c.prepareStatement("SELECT business_key, state FROM outbound_document");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                states.put(r.getString(1), r.getString(2));
            }
        }
        return states;
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = db.ownerConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static boolean await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return done.getAsBoolean();
    }

    static void writeResult(String file, String text) throws IOException {
        Files.createDirectories(RESULTS);
        Files.writeString(RESULTS.resolve(file), text);
    }

    @Override
    public void close() {
        logs.close();
        sandbox.close();
        dbProxy.close();
        db.close();
    }

    /**
     * Every log event of this JVM from the moment it is created, as text: the formatted message, the MDC and each
     * throwable's class and message down the cause chain (the exception texts), with stack frames.
     */
    static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Map<Logger, Level> levelsBefore = new HashMap<>();
        private final Logger root;

        LogCapture() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            setContext(context);
            setName("reliability-capture");
            start();
            root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(this);
        }

        /** Everything at DEBUG, third-party libraries included (MSAL, Jdbi, Flyway), until {@link #close()}. */
        void debugEverything() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (Logger logger : context.getLoggerList()) {
                if (logger.getLevel() != null) {
                    levelsBefore.putIfAbsent(logger, logger.getLevel());
                    logger.setLevel(Level.DEBUG);
                }
            }
            root.setLevel(Level.DEBUG);
        }

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                    .append(' ').append(event.getMDCPropertyMap()).append(' ').append(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append("\n  ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append("\n    ").append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        /** Detaches, and puts back the levels {@link #debugEverything()} changed, for the suites after this one. */
        @Override
        public void close() {
            root.detachAppender(this);
            stop();
            levelsBefore.forEach(Logger::setLevel);
            levelsBefore.clear();
        }
    }
}
