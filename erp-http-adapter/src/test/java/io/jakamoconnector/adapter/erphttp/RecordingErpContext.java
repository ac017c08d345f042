package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.audit.AuditEvent;
import io.jakamoconnector.domain.model.document.DocumentType;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.OutboundRecord;
import io.jakamoconnector.domain.plugin.ErpContext;
import io.jakamoconnector.domain.plugin.HandOverVerdict;
import io.jakamoconnector.domain.testing.InMemoryAuditTrail;
import io.jakamoconnector.domain.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The application's side of the SPI for tests: audit into memory, a settable verdict, the core's records from a map. */
final class RecordingErpContext implements ErpContext {
    final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
    final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    final Map<String, OutboundRecord> records = new ConcurrentHashMap<>();
    private final Path state;
    volatile Function<byte[], HandOverVerdict> judge =
            bytes -> new HandOverVerdict.Acceptable(DocumentType.ORDER, List.of());

    RecordingErpContext(Path state) {
        this.state = state;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String node() {
        return "test-node";
    }

    @Override
    public String installationId() {
        return "test-installation";
    }

    @Override
    public Path stateDirectory() {
        return state;
    }

    @Override
    public void audit(AuditEvent.Builder event) {
        audit.append(event.at(clock.instant()).node(node()).build());
    }

    @Override
    public HandOverVerdict judge(IntegrationName integration, byte[] document) {
        return judge.apply(document);
    }

    @Override
    public Optional<OutboundRecord> document(IntegrationName integration, ErpDocumentRef ref) {
        return Optional.ofNullable(records.get(integration + "/" + ref.value()));
    }
}
