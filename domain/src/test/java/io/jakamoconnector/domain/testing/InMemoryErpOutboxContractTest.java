package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpOutboxPort;
import java.nio.charset.StandardCharsets;

class InMemoryErpOutboxContractTest extends ErpOutboxPortContract {
    private InMemoryErpOutbox outbox;

    @Override
    protected ErpOutboxPort newOutbox() {
        outbox = new InMemoryErpOutbox();
        return outbox;
    }

    @Override
    protected void drop(IntegrationName integration, String fileName, byte[] bytes) {
        outbox.drop(integration, fileName, new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    protected void dropAttachment(IntegrationName integration, String order, String fileName, byte[] bytes) {
        outbox.dropAttachment(integration, fileName, bytes, order);
    }
}
