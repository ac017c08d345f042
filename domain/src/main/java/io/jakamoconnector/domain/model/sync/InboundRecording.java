package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;

/** What recording an inbound message did. */
public sealed interface InboundRecording {

    /** New: recorded, and (unless quarantined) delivered to the ERP in the same unit of work. */
    record Recorded(InboundRecord record) implements InboundRecording {
    }

    /** Seen before (a redelivery after a crash, or another instance got there first): nothing was done again. */
    record AlreadyKnown(InboundRecord record) implements InboundRecording {
    }

    /**
     * The queue lease is no longer held (another instance took the queue over): nothing was recorded nor delivered,
     * and the new holder receives the message. {@code why} says what the store found.
     */
    record LeaseLost(String why) implements InboundRecording {
        public LeaseLost {
            Check.notBlank("why", why);
        }
    }
}
