package io.jakamoconnector.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.QueueLease;
import io.jakamoconnector.domain.port.out.QueueLeasePort;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link QueueLeasePort} must do: one holder per integration across instances, fencing that grows. */
public abstract class QueueLeasePortContract {
    private static final IntegrationName ORDERS = new IntegrationName("orders");
    private static final IntegrationName CLAIMS = new IntegrationName("claims");

    /** Two ports standing for two instances that share one store; the same pair for the whole test. */
    protected abstract QueueLeasePort instanceA();

    protected abstract QueueLeasePort instanceB();

    @Test
    void onlyOneInstanceHoldsAnIntegrationsLease() {
        QueueLease a = instanceA().tryAcquire(ORDERS, "a").orElseThrow();
        try {
            assertThat(a.isHeld()).isTrue();
            assertThat(instanceB().tryAcquire(ORDERS, "b")).isEmpty();
            Optional<QueueLease> otherQueue = instanceB().tryAcquire(CLAIMS, "b");
            assertThat(otherQueue).isPresent();
            otherQueue.get().close();
        } finally {
            a.close();
        }
    }

    @Test
    void aReleasedLeaseGoesToTheNextHolderWithAHigherFencingToken() {
        QueueLease a = instanceA().tryAcquire(ORDERS, "a").orElseThrow();
        long first = a.fencingToken();
        a.close();
        assertThat(a.isHeld()).isFalse();

        QueueLease b = instanceB().tryAcquire(ORDERS, "b").orElseThrow();
        try {
            assertThat(b.fencingToken()).isGreaterThan(first);
            assertThat(b.isHeld()).isTrue();
            assertThat(a.isHeld()).isFalse();
        } finally {
            b.close();
        }
    }
}
