package io.jakamoconnector.domain.model.exchange;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What came of sending one document to Jakamo. Expected outcomes are values; only a broken adapter throws. */
public sealed interface SendOutcome {

    /** Jakamo took the document. */
    record Accepted(int status, String reference) implements SendOutcome {
    }

    /** Jakamo refused the document; sending the same bytes again will not help. */
    record Rejected(int status, List<String> messages) implements SendOutcome {
        public Rejected {
            messages = List.copyOf(messages);
        }
    }

    /** It did not get through, and Jakamo certainly did not take it: try again later. */
    record Deferred(String reason, Optional<Duration> retryAfter) implements SendOutcome {
    }

    /**
     * The request may have reached Jakamo and the answer was lost. Jakamo has no idempotency key, so sending again may
     * create a duplicate: a person decides.
     */
    record InDoubt(String detail) implements SendOutcome {
    }
}
