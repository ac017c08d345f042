package io.jakamoconnector.app.wiring;

import io.jakamoconnector.app.daemon.ErpSides;
import io.jakamoconnector.domain.model.document.Document;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.model.sync.DedupKey;
import io.jakamoconnector.domain.port.out.ErpInboxPort;

/** Hands each integration's deliveries to the ERP side of its type; one without a side is refused. */
final class PerIntegrationErpInbox implements ErpInboxPort {
    private final ErpSides sides;

    PerIntegrationErpInbox(ErpSides sides) {
        this.sides = sides;
    }

    @Override
    public String deliver(IntegrationName integration, Document document, DedupKey key) {
        return inbox(integration).deliver(integration, document, key);
    }

    @Override
    public String deliverAttachment(IntegrationName integration, Document document, DedupKey key,
                                    String originalFileName) {
        return inbox(integration).deliverAttachment(integration, document, key, originalFileName);
    }

    @Override
    public String stage(IntegrationName integration, Document document, DedupKey key) {
        return inbox(integration).stage(integration, document, key);
    }

    @Override
    public String stageAttachment(IntegrationName integration, Document document, DedupKey key,
                                  String originalFileName) {
        return inbox(integration).stageAttachment(integration, document, key, originalFileName);
    }

    @Override
    public void publish(IntegrationName integration, String name) {
        inbox(integration).publish(integration, name);
    }

    private ErpInboxPort inbox(IntegrationName integration) {
        return sides.of(integration).inbox();
    }
}
