package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One lease per integration with a fencing number, and a way to take it away as another instance would. */
public final class InMemoryQueueLeases implements QueueLeasePort {
    private final Map<IntegrationName, Lease> holders = new HashMap<>();
    private final Map<IntegrationName, Long> fencing = new HashMap<>();

    @Override
    public synchronized Optional<QueueLease> tryAcquire(IntegrationName integration, String holder) {
        Lease current = holders.get(integration);
        if (current != null) {
            return Optional.empty();
        }
        long token = fencing.merge(integration, 1L, Long::sum);
        Lease lease = new Lease(integration, token);
        holders.put(integration, lease);
        return Optional.of(lease);
    }

    /** Another instance took over: the current holder's lease is no longer held. */
    public synchronized void takeOver(IntegrationName integration) {
        holders.remove(integration);
        fencing.merge(integration, 1L, Long::sum);
    }

    private synchronized boolean holds(Lease lease) {
        return holders.get(lease.integration) == lease && fencing.get(lease.integration) == lease.token;
    }

    private synchronized void release(Lease lease) {
        if (holders.get(lease.integration) == lease) {
            holders.remove(lease.integration);
        }
    }

    private final class Lease implements QueueLease {
        private final IntegrationName integration;
        private final long token;

        Lease(IntegrationName integration, long token) {
            this.integration = integration;
            this.token = token;
        }

        @Override
        public IntegrationName integration() {
            return integration;
        }

        @Override
        public long fencingToken() {
            return token;
        }

        @Override
        public boolean isHeld() {
            return holds(this);
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
