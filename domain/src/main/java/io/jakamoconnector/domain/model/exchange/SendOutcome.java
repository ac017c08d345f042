package io.jakamoconnector.domain.model.exchange;

import io.jakamoconnector.domain.model.Check;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What came of sending one document to Jakamo. Expected outcomes are values; only a broken adapter throws. No
 * transport notion is part of them: where a person needs one (a status code, say), the adapter words it into the text.
 */
public sealed interface SendOutcome {

    /**
     * Jakamo took the document.
     *
     * @param answer    Jakamo's answer as the adapter words it for a person (e.g. {@code HTTP 201}), for the audit trail
     * @param reference what Jakamo said it made of the document; empty when it said nothing
     */
    record Accepted(String answer, String reference) implements SendOutcome {
        public Accepted {
            Check.notNull("answer", answer);
            Check.notNull("reference", reference);
        }
    }

    /**
     * Jakamo refused the document; sending the same bytes again will not help.
     *
     * @param answer   Jakamo's answer as the adapter words it for a person (e.g. {@code HTTP 422}); empty when the
     *                 document was refused before it went out
     * @param messages why, in Jakamo's words or the check's
     */
    record Rejected(String answer, List<String> messages) implements SendOutcome {
        public Rejected {
            Check.notNull("answer", answer);
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
