package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;

/**
 * What a sender's write to a document it claimed did. A claim can be lost while its holder is paused (it expired and
 * the document was declared in doubt, resolved, or claimed by another sender): the write then changes nothing, so a
 * late sender never overwrites a newer state.
 */
public sealed interface ClaimedWrite {

    /** Written, with its audit events. */
    record Done() implements ClaimedWrite {
    }

    /** Not written, nor its audit events: {@code why} says what the store found instead. */
    record ClaimLost(String why) implements ClaimedWrite {
        public ClaimLost {
            Check.notBlank("why", why);
        }
    }
}
