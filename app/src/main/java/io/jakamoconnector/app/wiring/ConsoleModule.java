package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jakamoconnector.adapter.auth.MsalOperatorSignInAdapter;
import io.jakamoconnector.adapter.auth.SecretSources;
import io.jakamoconnector.adapter.console.AuditArchive;
import io.jakamoconnector.adapter.console.ConsoleServices;
import io.jakamoconnector.adapter.console.ConsoleSettings.ConfigLine;
import io.jakamoconnector.adapter.jakamo.JakamoApiClient;
import io.jakamoconnector.adapter.persistence.AuditExportFilter;
import io.jakamoconnector.adapter.persistence.AuditExportSummary;
import io.jakamoconnector.domain.model.audit.AuditVerification;
import java.io.IOException;
import java.io.OutputStream;
import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.ConsoleConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.app.daemon.ConnectorService;
import io.jakamoconnector.app.daemon.LoopStatus;
import io.jakamoconnector.app.daemon.OperatorConsole;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AuditTrailPort;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import io.jakamoconnector.domain.port.out.OperatorSignInPort;
import io.jakamoconnector.domain.service.DiscardOutboundDocumentService;
import io.jakamoconnector.domain.service.DiscardQuarantinedMessageService;
import io.jakamoconnector.domain.service.RecordConsoleSignInService;
import io.jakamoconnector.domain.service.RedeliverQuarantinedMessageService;
import io.jakamoconnector.domain.service.ResolveInDoubtDocumentService;
import io.jakamoconnector.domain.service.RetryOutboundDocumentService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The operator console for {@code run}: the live-operations use cases over the state store, the sign-in through the
 * console's own Entra ID app registration (the sandbox's CA trusted only when it is the sandbox's tenant), and what
 * the overview shows of the running service.
 */
public final class ConsoleModule extends AbstractModule {

    @Provides
    @Singleton
    OperatorConsole console(ConnectorConfig config, PersistenceResource persistence, AuditTrailPort trail,
                            ErpInboxPort inbox, ConnectorService service, JakamoApiClient api,
                            PrometheusMeterRegistry registry, Clock clock) {
        ConsoleConfig console = config.console();
        Optional<OperatorSignInPort> signIn = console.entra().map(entra -> new MsalOperatorSignInAdapter(
                new MsalOperatorSignInAdapter.ConsoleRegistration(entra.authority(), entra.clientId(),
                        AuthModule.reference(entra.clientSecret()),
                        URI.create(console.publicUrl(console.port()) + "/auth/callback"), sandboxTrust(config, entra)),
                SecretSources.system(), clock));
        String node = config.node();
        OperatorConsole.ServiceView view = new OperatorConsole.ServiceView() {
            @Override
            public List<LoopStatus> loops() {
                return service.status();
            }

            @Override
            public Optional<Instant> heldUntil(IntegrationName integration) {
                return api.heldUntil(integration);
            }

            @Override
            public Optional<Instant> tokenExpiry(IntegrationName integration) {
                Gauge gauge = registry.find("jakamo.token.expiry.timestamp").tag("integration", integration.value()).gauge();
                return gauge == null || Double.isNaN(gauge.value()) ? Optional.empty()
                        : Optional.of(Instant.ofEpochSecond((long) gauge.value()));
            }

            @Override
            public boolean running() {
                return service.isRunning();
            }
        };
        AuditArchive archive = new AuditArchive() {
            @Override
            public AuditVerification verify() {
                return persistence.auditTrail().verify();
            }

            @Override
            public Exported export(Optional<IntegrationName> integration, Optional<Instant> from,
                                   Optional<Instant> until, OutputStream out) throws IOException {
                AuditExportSummary summary = persistence.auditTrail().export(new AuditExportFilter(from, until,
                        integration), out);
                return new Exported(summary.events(), summary.refused().map(r -> "broken at sequence " + r.firstBadSequence() + ": " + r.reason()));
            }
        };
        return new OperatorConsole(console, status -> new ConsoleServices(persistence.messageQueries(),
                persistence.auditQueries(), archive,
                new ResolveInDoubtDocumentService(persistence.operatorCorrections(), trail, clock, node),
                new RetryOutboundDocumentService(persistence.operatorCorrections(), trail, clock, node),
                new DiscardOutboundDocumentService(persistence.operatorCorrections(), trail, clock, node),
                new RedeliverQuarantinedMessageService(persistence.operatorCorrections(), inbox, trail, clock, node),
                new DiscardQuarantinedMessageService(persistence.operatorCorrections(), trail, clock, node),
                new RecordConsoleSignInService(trail, clock, node),
                signIn, status), view, config.integrations().stream().map(IntegrationConfig::name).toList(),
                lines(config), clock);
    }

    private static SSLContext sandboxTrust(ConnectorConfig config, ConsoleConfig.Entra entra) {
        return config.sandbox().filter(s -> s.environment().authority().equals(entra.authority()))
                .map(s -> SandboxTrust.withSandboxCertificate(s.caCertificate())).orElse(null);
    }

    /** The configuration page: what matters to an operator, secrets as the references the file holds. */
    static List<ConfigLine> lines(ConnectorConfig config) {
        List<ConfigLine> lines = new ArrayList<>();
        lines.add(new ConfigLine("(loaded from)", config.source()));
        lines.add(new ConfigLine("node", config.node()));
        lines.add(new ConfigLine("dataDirectory", config.dataDirectory().toString()));
        lines.add(new ConfigLine("database", config.database().map(d -> d.url() + " as " + d.user() + ", password "
                + d.password().map(Object::toString).orElse("none")).orElse("embedded PostgreSQL")));
        for (IntegrationConfig i : config.integrations()) {
            String at = "integrations." + i.name().value();
            lines.add(new ConfigLine(at + ".kind", i.kind().toString()));
            lines.add(new ConfigLine(at + ".environment", i.environment().name() + " (" + i.environment().authority() + ")"));
            lines.add(new ConfigLine(at + ".clientId", i.clientId().value()));
            i.clientSecret().ifPresent(s -> lines.add(new ConfigLine(at + ".clientSecret", s.toString())));
            i.clientCertificate().ifPresent(c -> lines.add(new ConfigLine(at + ".clientCertificate",
                    c.pkcs12().map(Object::toString).or(() -> c.privateKeyPem().map(Object::toString)).orElse("set"))));
            lines.add(new ConfigLine(at + ".erp", i.erp().type() + ": " + i.erp().describe()));
            lines.add(new ConfigLine(at + ".polling", "inbound every " + i.polling().inbound().toSeconds()
                    + " s, outbound every " + i.polling().outbound().toSeconds() + " s"));
        }
        lines.add(new ConfigLine("health", config.service().health().bind() + ":" + config.service().health().port()));
        ConsoleConfig console = config.console();
        lines.add(new ConfigLine("console", console.bind() + ":" + console.port() + ", public URL "
                + console.publicUrl(console.port())));
        console.entra().ifPresent(e -> {
            lines.add(new ConfigLine("console.entra.authority", e.authority().toString()));
            lines.add(new ConfigLine("console.entra.clientId", e.clientId()));
            lines.add(new ConfigLine("console.entra.clientSecret", e.clientSecret().toString()));
        });
        lines.add(new ConfigLine("console.breakGlassFile", console.breakGlassFile().map(Object::toString).orElse("off")));
        lines.add(new ConfigLine("notifications", config.notifications().channels().size() + " channel(s)"));
        return lines;
    }
}
