package io.jakamoconnector.domain.model.sync;

/** What recording an inbound message did. */
public sealed interface InboundRecording {

    /** New: recorded, and (unless quarantined) delivered to the ERP in the same unit of work. */
    record Recorded(InboundRecord record) implements InboundRecording {
    }

    /** Seen before (a redelivery after a crash, or another instance got there first): nothing was done again. */
    record AlreadyKnown(InboundRecord record) implements InboundRecording {
    }
}
