package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import java.util.List;

/** What recording the messages cleared before the queue's head did. */
public sealed interface QueueClearing {

    /** These messages were recorded acknowledged (none, when every recorded message was acknowledged already). */
    record Cleared(List<InboundRecord> records) implements QueueClearing {
        public Cleared {
            records = List.copyOf(records);
        }
    }

    /**
     * The queue lease is no longer held: nothing was recorded, since a head read under a lost lease may be older than a
     * message the new holder has just recorded. {@code why} says what the store found.
     */
    record LeaseLost(String why) implements QueueClearing {
        public LeaseLost {
            Check.notBlank("why", why);
        }
    }
}
