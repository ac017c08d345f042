package io.jakamoconnector.app.wiring;

import io.jakamoconnector.app.config.ConnectorConfig;
import io.jakamoconnector.app.config.IntegrationConfig;
import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.MessageQueriesPort;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.HandOverJudge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the application gives the ERP side of one adapter type: the service's clock and node, the database's
 * installation id and queries (once it is up), {@code <data>/erp/<type>} for the side's own files, the audit trail,
 * and the pick-up's own judge.
 */
final class ConnectorErpContext implements ErpContext {
    private final Clock clock;
    private final String node;
    private final Path stateDirectory;
    private final Supplier<String> installationId;
    private final AuditWriter audit;
    private final HandOverJudge judge;
    private final Map<IntegrationName, IntegrationConfig> integrations;
    private final Supplier<MessageQueriesPort> queries;

    ConnectorErpContext(String type, ConnectorConfig config, Clock clock, Supplier<String> installationId,
                        AuditWriter audit, HandOverJudge judge, Supplier<MessageQueriesPort> queries) {
        this.clock = clock;
        this.node = config.node();
        this.stateDirectory = config.dataDirectory().resolve("erp").resolve(type);
        this.installationId = installationId;
        this.audit = audit;
        this.judge = judge;
        this.integrations = config.integrations().stream()
                .collect(Collectors.toMap(IntegrationConfig::name, Function.identity()));
        this.queries = queries;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public String installationId() {
        return installationId.get();
    }

    /** Created on first use, rwx------ where the file system has POSIX permissions. */
    @Override
    public Path stateDirectory() {
        try {
            if (!Files.isDirectory(stateDirectory)) {
                Files.createDirectories(stateDirectory);
                if (Files.getFileAttributeView(stateDirectory, PosixFileAttributeView.class) != null) {
                    Files.setPosixFilePermissions(stateDirectory, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return stateDirectory;
        } catch (IOException e) {
            throw new ErpAccessException("cannot create the ERP adapter's directory " + stateDirectory + " (" + e
                    + "): give the service's user write access to the data directory (dataDirectory)", false, e);
        }
    }

    /** Stamped with the time and node; the actor the side named (an API key's id) is kept, else the service's. */
    @Override
    public void audit(AuditEvent.Builder event) {
        if (event.actor() == null) {
            audit.write(event);
        } else {
            audit.append(event.at(clock.instant()).node(node).build());
        }
    }

    @Override
    public HandOverVerdict judge(IntegrationName integration, byte[] document) {
        IntegrationConfig config = integration(integration);
        return judge.judge(integration, config.kind(), config.validation(), document);
    }

    @Override
    public Optional<OutboundRecord> document(IntegrationName integration, ErpDocumentRef ref) {
        integration(integration);
        return queries.get().findOutbound(integration, ref);
    }

    private IntegrationConfig integration(IntegrationName integration) {
        IntegrationConfig config = integrations.get(integration);
        if (config == null) {
            throw new ErpAccessException("integration " + integration + " is not configured (configured: "
                    + integrations.keySet() + ")", false, null);
        }
        return config;
    }
}
