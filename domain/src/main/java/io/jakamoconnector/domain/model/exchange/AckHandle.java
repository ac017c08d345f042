package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;

/**
 * How a queue message is acknowledged: Jakamo's {@code X-Acknowledge-Uri}. Opaque to the core; the adapter that
 * produced it checks it again before using it.
 */
public record AckHandle(String value) {
    public AckHandle {
        Check.notBlank("ackHandle", value);
        Check.maxLength("ackHandle", value, 2048);
        Check.printable("ackHandle", value);
    }

    /** Without query and fragment, which may carry a token: {@link #value()} is the whole URI. */
    @Override
    public String toString() {
        return RedactedUri.of(value);
    }
}
