package io.jakamoconnector.adapter.erpfolder;

import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.util.List;
import java.util.Map;

/** Hands each integration's calls to the outbox built with that integration's pick-up rules, over the shared trees. */
final class PerIntegrationFolderOutboxAdapter implements ErpOutboxPort {
    private final ErpFolderTrees trees;
    private final Map<IntegrationName, ErpOutboxPort> byIntegration;

    PerIntegrationFolderOutboxAdapter(ErpFolderTrees trees, Map<IntegrationName, ErpOutboxPort> byIntegration) {
        this.trees = trees;
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
    public boolean archiveIfUnchanged(IntegrationName integration, ErpDocumentRef ref, Sha256 read,
                                      ArchiveVerdict verdict) {
        return outbox(integration).archiveIfUnchanged(integration, ref, read, verdict);
    }

    @Override
    public List<ErpFile> inFailed(IntegrationName integration, ErpDocumentRef ref) {
        return outbox(integration).inFailed(integration, ref);
    }

    private ErpOutboxPort outbox(IntegrationName integration) {
        ErpOutboxPort outbox = byIntegration.get(integration);
        if (outbox == null) {
            trees.folders(integration);   // refuses, naming the integration
        }
        return outbox;
    }
}
