package io.jakamoconnector.app.cli;

import com.google.inject.Injector;
import com.google.inject.Module;
import io.jakamoconnector.adapter.auth.MsalAccessTokenAdapter;
import io.jakamoconnector.adapter.auth.SecretSources;
import io.jakamoconnector.adapter.jakamo.HttpJakamoProbeAdapter;
import io.jakamoconnector.app.wiring.SandboxTrust;
import java.time.Duration;
import io.jakamoconnector.adapter.auth.TokenDescription;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.app.wiring.ErpModule;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.plugin.ErpCheck;
import io.jakamoconnector.app.wiring.AuthModule;
import io.jakamoconnector.domain.model.auth.EnvironmentKind;
import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import com.google.inject.Stage;
import io.jakamoconnector.adapter.persistence.EmbeddedPostgresDatabase;
import io.jakamoconnector.adapter.persistence.PostgresDatabase;
import io.jakamoconnector.app.config.ConfigurationException;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.wiring.Composition;
import io.jakamoconnector.app.wiring.Lifecycle;
import io.jakamoconnector.app.wiring.PersistenceResource;
import io.jakamoconnector.domain.model.audit.AuditAction;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.audit.AuditOutcome;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.port.out.PortFailureException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Checks what a first-time user gets wrong, one line each, with the fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks the configuration, the database (starting the embedded one and migrating it), the "
                + "audit trail, each integration's credential, token (approval, roles, clock) and ERP side (its folders, ...), that "
                + "Jakamo is reachable (DNS, firewall, proxy, TLS), and that Jakamo refuses each integration's old "
                + "basic credentials (legacyBasicAuth), and says OK or what to fix. Nothing is read from or "
                + "acknowledged on any queue.", "Exit code 0 when everything is OK, 1 when something needs fixing, "
                + "78 when the configuration cannot be used."})
final class DoctorCommand implements Callable<Integer> {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private final RootCommand root;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    DoctorCommand(RootCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        DoctorReport report = new DoctorReport(spec.commandLine().getOut());
        ConnectorConfig config;
        try {
            config = root.loadConfig();
        } catch (ConfigurationException e) {
            report.fail("configuration", e.getMessage(), "correct the keys above (docs/configuration.md lists them)");
            return report.finish(ExitCodes.CONFIG);
        }
        if (!ServiceCredentials.handedOver(root.environment())) {
            Optional<Path> file = root.configFile();
            List<String> credentials = file.map(ServiceCredentials::namedIn).orElse(List.of());
            if (!credentials.isEmpty()) {
                // every check after this one needs them: one line that says how, not a cascade of failures
                report.fail("credentials", "the configuration names systemd credentials " + credentials + ", which "
                        + "systemd hands only to the service: $" + ServiceCredentials.VARIABLE + " is not set here",
                        "run doctor as the service would, as root (files in " + ServiceCredentials.DIRECTORY
                                + ", as credentials.conf loads them):\n  " + ServiceCredentials.systemdRun(credentials,
                                file.orElseThrow(), config.dataDirectory(), "doctor"));
                return report.finish(ExitCodes.CONFIG);
            }
        }
        report.ok("configuration", config.source() + "; node " + config.node() + "; "
                + config.integrations().size() + " integration(s)"
                + (config.integrations().isEmpty() ? "" : " " + config.integrations().stream()
                .map(i -> i.name() + " (" + i.kind().configName() + ", " + i.environment().name() + ")").toList()));
        // without database.allowUnverifiedTls such a URL is refused when the configuration is loaded
        config.database().ifPresent(database -> database.unverifiedTls().ifPresent(why -> report.warn("database-tls",
                "the connection to the database server does not verify its certificate (" + why + "); allowed by "
                        + "database.allowUnverifiedTls: true, so whoever is on the network path can read and change "
                        + "it. Add sslmode=verify-full&sslrootcert=<the server's CA as PEM> to database.url and remove "
                        + "database.allowUnverifiedTls")));

        List<Module> modules = new ArrayList<>(List.of(Composition.storage(config, Clock.systemUTC())));
        modules.add(new AuthModule());
        Injector injector = io.jakamoconnector.app.wiring.Injectors.strict(Stage.PRODUCTION,
                modules.toArray(Module[]::new));
        PersistenceResource persistence = injector.getInstance(PersistenceResource.class);
        MsalAccessTokenAdapter tokens = injector.getInstance(MsalAccessTokenAdapter.class);
        try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
            PostgresDatabase database = persistence.database();
            long started = System.nanoTime();
            AccessTokenUnavailableException unreadable = null;
            try {
                lifecycle.start();
            } catch (AccessTokenUnavailableException e) {
                unreadable = e;    // the database started before the credentials were read; report both below
            } catch (PortFailureException e) {
                report.fail("database", e.getMessage(), config.database().isPresent()
                        ? "check database.url, database.user and the password reference, and that the server accepts "
                        + "connections from this host"
                        : "check that " + config.embeddedDatabaseDirectory() + " is writable and not used by another "
                        + "process");
                return report.finish(ExitCodes.UNAVAILABLE);
            }
            database.checkHealth();
            long millis = (System.nanoTime() - started) / 1_000_000;
            boolean served = database instanceof EmbeddedPostgresDatabase embedded && !embedded.servesItself();
            report.ok("database", database.description() + (served ? " (served by the running connector)" : "")
                    + "; " + firstWords(database.serverVersion(), 2) + "; ready in " + millis + " ms");
            report.ok("schema", "version " + database.schemaVersion() + " (" + database.migrationsApplied()
                    + " migration(s) applied now), validated"
                    + (database.usesApplicationRole() ? "; working as role " + PostgresDatabase.APPLICATION_ROLE
                    : ""));
            AuditWriter auditWriter = new AuditWriter(persistence.auditTrail(), Clock.systemUTC(), config.node(),
                    Operator.name());
            auditWriter.write(
                    AuditEvent.builder(AuditAction.CONFIGURATION_LOADED, AuditOutcome.OK)
                            .reason("doctor: " + config.source() + "; integrations " + config.integrations().stream()
                                    .map(i -> i.name().value()).toList()));
            AuditVerification audit = persistence.auditTrail().verify();
            if (audit instanceof AuditVerification.Intact intact) {
                report.ok("audit trail", intact.events() + " event(s), chain and " + intact.checkpoints()
                        + " signed checkpoint(s) intact; signing key in " + config.dataDirectory());
            } else {
                AuditVerification.Broken broken = (AuditVerification.Broken) audit;
                report.fail("audit trail", "broken at sequence " + broken.firstBadSequence() + ": " + broken.reason(),
                        "keep the database as evidence and run 'jakamo-connector audit verify'; tell your security team");
            }
            checkCredentials(report, unreadable);
            Optional<ErpSides> erp = openErp(report, config, persistence, auditWriter);
            try {
                for (IntegrationConfig integration : config.integrations()) {
                    if (unreadable == null || !mentions(unreadable, integration)) {
                        checkToken(report, tokens, integration);
                    }
                    erp.ifPresent(sides -> checkErp(report, sides, integration));
                }
            } finally {
                erp.ifPresent(ErpSides::stop);
            }
            checkJakamo(report, config, auditWriter, tokens);
        } catch (PortFailureException e) {
            report.fail("database", e.getMessage(), "see the message above");
            return report.finish(ExitCodes.UNAVAILABLE);
        }
        return report.finish(ExitCodes.OK);
    }

    private static void checkCredentials(DoctorReport report, AccessTokenUnavailableException unreadable) {
        if (unreadable == null) {
            return;
        }
        report.fail("credentials", unreadable.getMessage(), "fix the secret or certificate reference named above");
        for (Throwable more : unreadable.getSuppressed()) {
            report.fail("credentials", more.getMessage(), "fix the secret or certificate reference named above");
        }
    }

    private static boolean mentions(AccessTokenUnavailableException unreadable, IntegrationConfig integration) {
        if (unreadable.integration().equals(integration.name())) {
            return true;
        }
        for (Throwable more : unreadable.getSuppressed()) {
            if (more instanceof AccessTokenUnavailableException a && a.integration().equals(integration.name())) {
                return true;
            }
        }
        return false;
    }

    /** A token per integration: proves the secret, the approval, the scope and the clock in one request. */
    private static void checkToken(DoctorReport report, MsalAccessTokenAdapter tokens, IntegrationConfig integration) {
        String check = "token " + integration.name();
        try {
            AccessToken token = tokens.token(integration.name());
            TokenDescription description = TokenDescription.of(token);
            List<String> warnings = description.warnings(tokens.registration(integration.name()));
            String detail = "roles " + description.roles() + ", valid until " + token.expiresAt()
                    + description.clockSkew().map(skew -> ", clock skew " + skew.toSeconds() + " s").orElse("");
            if (warnings.isEmpty()) {
                report.ok(check, detail);
            } else {
                warnings.forEach(w -> report.fail(check, w, "see the message; then run: jakamo-connector token "
                        + "--integration " + integration.name()));
            }
        } catch (AccessTokenUnavailableException e) {
            report.fail(check, e.getMessage(), "see the message; then run: jakamo-connector token --integration "
                    + integration.name());
        }
    }

    /**
     * Jakamo itself, per API base URL, without a credential; then, per integration, whether the old basic credentials
     * are refused. Nothing is read from or acknowledged on any queue.
     */
    private void checkJakamo(DoctorReport report, ConnectorConfig config, AuditWriter audit,
                             MsalAccessTokenAdapter tokens) {
        if (config.integrations().isEmpty()) {
            return;
        }
        HttpJakamoProbeAdapter everyone = new HttpJakamoProbeAdapter(CONNECT_TIMEOUT, REQUEST_TIMEOUT, null);
        HttpJakamoProbeAdapter sandboxOnly;
        try {
            // the sandbox's CA is trusted for sandbox integrations only, never for demo or production
            sandboxOnly = config.sandbox().map(sandbox -> new HttpJakamoProbeAdapter(CONNECT_TIMEOUT, REQUEST_TIMEOUT,
                    SandboxTrust.withSandboxCertificate(sandbox.caCertificate()))).orElse(everyone);
        } catch (ConfigurationException e) {
            report.fail("jakamo", e.getMessage(), "restart 'jakamo-connector sandbox' and use the configuration it "
                    + "writes");
            return;
        }
        JakamoChecks checks = new JakamoChecks(report, integration -> integration.environment().kind()
                == EnvironmentKind.SANDBOX ? sandboxOnly : everyone, audit, SecretSources.of(root.environment()));
        List<IntegrationConfig> reachable = checks.reachability(config.integrations());
        for (IntegrationConfig integration : config.integrations()) {
            checks.basicAuthentication(integration, reachable.contains(integration));
            checks.queuePath(integration, reachable.contains(integration),
                    () -> tokens.token(integration.name()).value());
        }
    }

    /** Each integration's ERP side, opened (not started) as the service would open it; empty when it cannot be. */
    private static Optional<ErpSides> openErp(DoctorReport report, ConnectorConfig config,
                                              PersistenceResource persistence, AuditWriter audit) {
        try {
            return Optional.of(ErpModule.open(config, Clock.systemUTC(), persistence, audit, new DocumentReader()));
        } catch (IllegalArgumentException | IllegalStateException | PortFailureException e) {
            report.fail("erp", e.getMessage(), "change the integrations' erp sections as the message says");
            return Optional.empty();
        }
    }

    /** The ERP side's own checks of one integration (for folders: created where missing, then checked). */
    private static void checkErp(DoctorReport report, ErpSides sides, IntegrationConfig integration) {
        List<ErpCheck> checks;
        try {
            checks = sides.of(integration.name()).check(integration.name());
        } catch (PortFailureException e) {
            report.fail("erp " + integration.name(), e.getMessage(), "see the message above");
            return;
        }
        for (ErpCheck check : checks) {
            switch (check.status()) {
                case OK -> report.ok(check.name(), check.detail());
                case WARN -> report.warn(check.name(), check.detail());
                case FAIL -> report.fail(check.name(), check.detail(), "as the line above says; then run doctor "
                        + "again");
            }
        }
    }

    private static String firstWords(String text, int words) {
        String[] parts = text.split(" ");
        return String.join(" ", java.util.Arrays.copyOf(parts, Math.min(words, parts.length)));
    }
}
