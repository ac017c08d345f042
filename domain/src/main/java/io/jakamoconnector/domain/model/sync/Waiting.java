package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.InvalidValueException;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.time.Instant;

/**
 * How many documents or messages of an integration wait for a person in one state, and since when the oldest waits
 * (its last change of state for a document, its arrival for a message).
 */
public record Waiting(IntegrationName integration, WaitingState state, long count, Instant oldestSince) {
    public Waiting {
        Check.notNull("waiting.integration", integration);
        Check.notNull("waiting.state", state);
        Check.notNull("waiting.oldestSince", oldestSince);
        if (count < 1) {
            throw new InvalidValueException("waiting.count", "must be at least 1, was " + count);
        }
    }
}
