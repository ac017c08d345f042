package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * How a sender's attempt at an outbound document ended: the only states a sender may leave a document in. A document
 * cannot be left SENDING, nor PENDING without the time of its next attempt, because no value here says so.
 */
public sealed interface AttemptEnd {

    /** The state the document is in after this end. */
    OutboundState state();

    /** What went wrong, kept as the document's last error; empty when it was sent. */
    Optional<String> error();

    /** When the document is due again; empty unless it is to be retried. */
    default Optional<Instant> nextAttemptAt() {
        return Optional.empty();
    }

    /** Jakamo took it. */
    record Sent() implements AttemptEnd {
        @Override
        public OutboundState state() {
            return OutboundState.SENT;
        }

        @Override
        public Optional<String> error() {
            return Optional.empty();
        }
    }

    /** Jakamo (or a check before sending) refused it for good: it needs a corrected document. */
    record Refused(String reason) implements AttemptEnd {
        public Refused {
            Check.notNull("reason", reason);
        }

        @Override
        public OutboundState state() {
            return OutboundState.FAILED;
        }

        @Override
        public Optional<String> error() {
            return Optional.of(reason);
        }
    }

    /** Transient failures used up every attempt. */
    record OutOfAttempts(String reason) implements AttemptEnd {
        public OutOfAttempts {
            Check.notNull("reason", reason);
        }

        @Override
        public OutboundState state() {
            return OutboundState.DEAD;
        }

        @Override
        public Optional<String> error() {
            return Optional.of(reason);
        }
    }

    /** The request may have reached Jakamo and the answer was lost: a person decides. */
    record InDoubt(String detail) implements AttemptEnd {
        public InDoubt {
            Check.notNull("detail", detail);
        }

        @Override
        public OutboundState state() {
            return OutboundState.IN_DOUBT;
        }

        @Override
        public Optional<String> error() {
            return Optional.of(detail);
        }
    }

    /** It did not get through and Jakamo certainly did not take it: PENDING again, due at {@code at}. */
    record RetryAt(Instant at, String reason) implements AttemptEnd {
        public RetryAt {
            Check.notNull("at", at);
            Check.notNull("reason", reason);
        }

        @Override
        public OutboundState state() {
            return OutboundState.PENDING;
        }

        @Override
        public Optional<String> error() {
            return Optional.of(reason);
        }

        @Override
        public Optional<Instant> nextAttemptAt() {
            return Optional.of(at);
        }
    }
}
