package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.port.out.QueueLeasePort;

class InMemoryQueueLeasesContractTest extends QueueLeasePortContract {
    private final InMemoryQueueLeases shared = new InMemoryQueueLeases();

    @Override
    protected QueueLeasePort instanceA() {
        return shared;
    }

    @Override
    protected QueueLeasePort instanceB() {
        return shared;
    }
}
