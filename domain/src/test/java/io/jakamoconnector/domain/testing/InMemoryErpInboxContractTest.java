package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.ErpInboxPort;
import java.util.Optional;

class InMemoryErpInboxContractTest extends ErpInboxPortContract {
    private InMemoryErpInbox inbox;

    @Override
    protected ErpInboxPort newInbox() {
        inbox = new InMemoryErpInbox();
        return inbox;
    }

    @Override
    protected Optional<byte[]> delivered(IntegrationName integration, String name) {
        return name.startsWith(integration + "/") ? Optional.ofNullable(inbox.files().get(name)) : Optional.empty();
    }

    @Override
    protected int deliveredCount(IntegrationName integration) {
        return (int) inbox.files().keySet().stream().filter(n -> n.startsWith(integration + "/")).count();
    }

    @Override
    protected void takeAway(IntegrationName integration, String name) {
        inbox.take(name);
    }
}
