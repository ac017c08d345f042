package io.jakamoconnector.domain.port.out;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.util.Optional;

/** Hands out at most one {@link QueueLease} per integration across every instance sharing the state store. */
public interface QueueLeasePort {

    /** The lease, or empty when another holder has it. Never blocks. */
    Optional<QueueLease> tryAcquire(IntegrationName integration, String holder);
}
