package io.jakamoconnector.app.wiring;

import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.domain.model.document.Sha256;
import io.jakamoconnector.domain.model.exchange.ErpDocumentRef;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ArchiveVerdict;
import io.jakamoconnector.domain.port.out.ErpFile;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.util.List;

/** Hands each integration's pick-ups and archiving to the ERP side of its type; one without a side is refused. */
final class PerIntegrationErpOutbox implements ErpOutboxPort {
    private final ErpSides sides;

    PerIntegrationErpOutbox(ErpSides sides) {
        this.sides = sides;
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
        return sides.of(integration).outbox();
    }
}
