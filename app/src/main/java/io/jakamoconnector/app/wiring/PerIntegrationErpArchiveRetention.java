package io.jakamoconnector.app.wiring;

import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.domain.model.exchange.ArchivePruning;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpArchiveRetentionPort;
import java.time.Instant;

/** Hands each integration's retention to the ERP side of its type; one without a side is refused. */
final class PerIntegrationErpArchiveRetention implements ErpArchiveRetentionPort {
    private final ErpSides sides;

    PerIntegrationErpArchiveRetention(ErpSides sides) {
        this.sides = sides;
    }

    @Override
    public ArchivePruning prune(IntegrationName integration, Instant archivedBefore, boolean dryRun) {
        return sides.of(integration).retention().prune(integration, archivedBefore, dryRun);
    }
}
