package io.jakamoconnector.domain.port.out;

import java.util.Objects;

/** Where a handled ERP file goes. */
public sealed interface ArchiveVerdict {

    /** Sent: into the processed archive. */
    record Processed() implements ArchiveVerdict {
    }

    /**
     * What a person who finds the file in the failed archive must know first: whether Jakamo has it. A clerk who reads
     * "not sent" drops the file again; if it may have arrived, that makes a second purchase order.
     */
    enum Delivery {
        /** Never sent: the connector refused it (unreadable, a duplicate, no order named) before any request. */
        NOT_SENT,
        /** Sent, and Jakamo answered that it does not accept it. */
        REFUSED_BY_JAKAMO,
        /** Every attempt failed before Jakamo could answer (network, 5xx, token): Jakamo does not have it. */
        NOT_DELIVERED,
        /** Sent, and the answer was lost: Jakamo may have it. Never drop it again before checking. */
        MAY_HAVE_BEEN_SENT
    }

    /**
     * Not sent, or not known to be: into the failed archive, with whether Jakamo has it, what happened and what to do,
     * in words for the ERP team.
     */
    record Failed(Delivery delivery, String whatHappened, String whatToDo) implements ArchiveVerdict {
        public Failed {
            Objects.requireNonNull(delivery, "delivery");
        }

        /** Refused by the connector before any request to Jakamo. */
        public Failed(String whatHappened, String whatToDo) {
            this(Delivery.NOT_SENT, whatHappened, whatToDo);
        }
    }

    /**
     * An operator decided it will never be sent: out of the failed archive's work, into its {@code discarded/} part,
     * with a report that says so. Kept, never deleted: it is the ERP's data.
     */
    record Discarded(String whatHappened, String whatToDo) implements ArchiveVerdict {
    }
}
