package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationKind;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.model.validation.ValidationMode;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.service.AuditWriter;
import io.jakamoconnector.domain.service.HandOverJudge;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ErpContext} for an ERP adapter's tests, as the application gives one: the audit goes to an
 * {@link InMemoryAuditTrail} (see {@link #audited()}), the judge is the pick-up's own ({@link HandOverJudge}), and
 * {@link #document} reads the {@link InMemorySyncState} a test registers documents in ({@link #store()}).
 * <pre>
 * InMemoryErpContext context = new InMemoryErpContext(clock, tempDir, Map.of(ORDERS, IntegrationKind.PURCHASE_ORDERS));
 * ErpSide side = new MyErpAdapterProvider().open(context, Map.of(ORDERS, settings));
 * </pre>
 */
public final class InMemoryErpContext implements ErpContext {
    /** The installation id {@link #installationId()} answers unless a test gives another. */
    public static final String INSTALLATION = "0123456789abcdef0123456789abcdef";

    private final Clock clock;
    private final Path stateDirectory;
    private final Map<IntegrationName, IntegrationKind> kinds;
    private final ValidationMode validation;
    private final String installation;
    private final InMemoryAuditTrail trail;
    private final AuditWriter audit;
    private final InMemorySyncState store = new InMemorySyncState();
    private final HandOverJudge judge = new HandOverJudge(new DocumentReader());

    /** Validation enforced, as an integration has it by default. */
    public InMemoryErpContext(Clock clock, Path stateDirectory, Map<IntegrationName, IntegrationKind> kinds) {
        this(clock, stateDirectory, kinds, ValidationMode.ENFORCE, INSTALLATION);
    }

    public InMemoryErpContext(Clock clock, Path stateDirectory, Map<IntegrationName, IntegrationKind> kinds,
                              ValidationMode validation, String installation) {
        this.clock = clock;
        this.stateDirectory = stateDirectory;
        this.kinds = Map.copyOf(kinds);
        this.validation = validation;
        this.installation = installation;
        this.trail = new InMemoryAuditTrail(clock);
        this.audit = new AuditWriter(trail, clock, node());
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String node() {
        return "node-1";
    }

    @Override
    public String installationId() {
        return installation;
    }

    @Override
    public Path stateDirectory() {
        return stateDirectory;
    }

    /** As the application does: stamped with time and node, the side's actor kept, else the service's. */
    @Override
    public void audit(AuditEvent.Builder event) {
        if (event.actor() == null) {
            audit.write(event);
        } else {
            audit.append(event.at(clock.instant()).node(node()).build());
        }
    }

    /** What the side audited, oldest first. */
    public List<AuditEvent> audited() {
        return trail.events();
    }

    @Override
    public HandOverVerdict judge(IntegrationName integration, byte[] document) {
        return judge.judge(integration, kind(integration), validation, document);
    }

    @Override
    public Optional<OutboundRecord> document(IntegrationName integration, ErpDocumentRef ref) {
        kind(integration);
        return new InMemoryMessageQueries(store).findOutbound(integration, ref);
    }

    /** The core's records {@link #document} reads: register what the core would have picked up. */
    public InMemorySyncState store() {
        return store;
    }

    private IntegrationKind kind(IntegrationName integration) {
        IntegrationKind kind = kinds.get(integration);
        if (kind == null) {
            throw new ErpAccessException("integration " + integration + " is not configured", false, null);
        }
        return kind;
    }
}
