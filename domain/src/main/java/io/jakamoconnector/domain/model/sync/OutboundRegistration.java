package io.jakamoconnector.domain.model.sync;

/** What recording a document from the ERP did. */
public sealed interface OutboundRegistration {

    record Registered(OutboundRecord record) implements OutboundRegistration {
    }

    /**
     * The same bytes were recorded before for this integration and the same business key (an attachment's order),
     * under this name or another.
     */
    record AlreadyRegistered(OutboundRecord record) implements OutboundRegistration {
    }
}
