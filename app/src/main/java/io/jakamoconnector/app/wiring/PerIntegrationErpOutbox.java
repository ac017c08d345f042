package io.jakamoconnector.app.wiring;

import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpAccessException;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.util.List;
import java.util.Map;

/** Hands each integration's calls to the outbox adapter built with that integration's pick-up rules. */
final class PerIntegrationErpOutbox implements ErpOutboxPort {
    private final Map<IntegrationName, ErpOutboxPort> byIntegration;

    PerIntegrationErpOutbox(Map<IntegrationName, ErpOutboxPort> byIntegration) {
        this.byIntegration = Map.copyOf(byIntegration);
    }

    @Override
    public List<ErpFile> pickUp(IntegrationName integration, int max) {
        return outbox(integration).pickUp(integration, max);
    }

    @Override
    public void archive(IntegrationName integration, ErpDocumentRef ref, ArchiveVerdict verdict) {
        outbox(integration).archive(integration, ref, verdict);
    }

    @Override
    public boolean archiveIfUnchanged(IntegrationName integration, ErpDocumentRef ref,
                                      io.jakamoconnector.domain.model.document.Sha256 read, ArchiveVerdict verdict) {
        return outbox(integration).archiveIfUnchanged(integration, ref, read, verdict);
    }

    @Override
    public List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        return outbox(integration).inFailed(integration, ref);
    }

    private ErpOutboxPort outbox(IntegrationName integration) {
        ErpOutboxPort outbox = byIntegration.get(integration);
        if (outbox == null) {
            throw new ErpAccessException("no ERP folders are configured for integration " + integration, false, null);
        }
        return outbox;
    }
}
