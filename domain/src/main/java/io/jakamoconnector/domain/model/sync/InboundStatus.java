package io.jakamoconnector.domain.model.sync;

/**
 * Where an inbound message stands, as a type per state with only the transitions that state allows, so a store or an
 * operator's correction cannot take a message where the connector never takes it. Read from a record with
 * {@link InboundRecord#status()}.
 * <pre>
 * Delivered   --acknowledge--> Acknowledged
 * Quarantined --acknowledge--> QuarantinedAcknowledged     --redeliver--> Delivered
 * QuarantinedAcknowledged --redeliver--> Acknowledged      --discard--> Discarded
 * Acknowledged, Discarded: final
 * </pre>
 * The record's other fields (acknowledged at, deliveries, delivered as, the quarantine reason) are kept whatever the
 * state, as the stores keep them, so these types carry none of them.
 */
public sealed interface InboundStatus {

    /** The stored state this status is. */
    InboundState state();

    /** Not yet cleared from Jakamo's queue. */
    sealed interface Unacknowledged extends InboundStatus {
        InboundStatus acknowledge();
    }

    /** Quarantined: an operator may deliver its kept bytes once the cause is fixed. */
    sealed interface Redeliverable extends InboundStatus {
        InboundStatus redeliver();
    }

    /** Handed to the ERP, not yet cleared from Jakamo's queue. */
    record Delivered() implements Unacknowledged {
        @Override
        public InboundState state() {
            return InboundState.DELIVERED;
        }

        @Override
        public Acknowledged acknowledge() {
            return new Acknowledged();
        }
    }

    /** Delivered and cleared from Jakamo's queue. Final. */
    record Acknowledged() implements InboundStatus {
        @Override
        public InboundState state() {
            return InboundState.ACKNOWLEDGED;
        }
    }

    /** Unreadable, kept aside, still at the head of Jakamo's queue. */
    record Quarantined() implements Unacknowledged, Redeliverable {
        @Override
        public InboundState state() {
            return InboundState.QUARANTINED;
        }

        @Override
        public QuarantinedAcknowledged acknowledge() {
            return new QuarantinedAcknowledged();
        }

        @Override
        public Delivered redeliver() {
            return new Delivered();
        }
    }

    /**
     * Quarantined and cleared from Jakamo's queue. Only now may it be discarded: a QUARANTINED message is still at the
     * head of the queue, which the service acknowledges at its next round, and a discarded one would not be.
     */
    record QuarantinedAcknowledged() implements Redeliverable {
        @Override
        public InboundState state() {
            return InboundState.QUARANTINED_ACKNOWLEDGED;
        }

        @Override
        public Acknowledged redeliver() {
            return new Acknowledged();
        }

        public Discarded discard() {
            return new Discarded();
        }
    }

    /** Set aside for good by an operator. Final. */
    record Discarded() implements InboundStatus {
        @Override
        public InboundState state() {
            return InboundState.DISCARDED;
        }
    }

    static InboundStatus of(InboundState state) {
        return switch (state) {
            case DELIVERED -> new Delivered();
            case ACKNOWLEDGED -> new Acknowledged();
            case QUARANTINED -> new Quarantined();
            case QUARANTINED_ACKNOWLEDGED -> new QuarantinedAcknowledged();
            case DISCARDED -> new Discarded();
        };
    }
}
