package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an outbound document stands, as a type per state with only the transitions that state allows: a sender, the
 * fake or an operator's correction cannot take a document where the connector never takes it, because the method
 * does not exist on its state. Read from a record with {@link OutboundRecord#status()}, written back with
 * {@link OutboundRecord#moveTo}.
 * <p>
 * The transitions are those of the connector (senders, the expiry of abandoned sends, {@link OutboundFix}):
 * <pre>
 * Pending  --claim--> Pending (claimed)  --startSending--> Sending
 * Sending  --end(AttemptEnd)--> Sent | Refused | Dead | InDoubt | Pending (retry at)
 * Sending  --abandon--> Pending (repeatable types) | InDoubt
 * Refused, Dead --retry--> Pending          RefusedLocally --correct--> Pending (with the corrected file)
 * InDoubt  --resolveAsSent--> Sent  --resolveAsNotSent--> Pending
 * Refused, RefusedLocally, Dead, InDoubt --discard--> Discarded
 * Sent, Discarded: final
 * </pre>
 * The stored row keeps fields beyond its state (a claimant on a PENDING row between claim and start; the previous
 * error on a PENDING or SENDING row; the last error on a SENT or DISCARDED row after an operator's decision): each
 * state type carries those it is found with, so reading and writing back a status changes nothing.
 */
public sealed interface OutboundStatus {

    /** The stored state this status is. */
    OutboundState state();

    /** Attempts made so far. */
    int attempts();

    /** The error kept with the document (the previous one while it is pending or being sent). */
    Optional<String> lastError();

    default Optional<Instant> nextAttemptAt() {
        return Optional.empty();
    }

    default Optional<String> claimant() {
        return Optional.empty();
    }

    /** A state an operator may send again from the first attempt. */
    sealed interface Retryable extends OutboundStatus {
        default Pending retry() {
            return Pending.fresh();
        }
    }

    /** A state an operator may end for good. */
    sealed interface Discardable extends OutboundStatus {
        default Discarded discard() {
            return new Discarded(attempts(), lastError());
        }
    }

    /** Waiting for a sender: due at {@code nextAttemptAt} (at once when empty), possibly claimed by one already. */
    record Pending(int attempts, Optional<Instant> nextAttemptAt, Optional<String> claimant,
                   Optional<String> previousError) implements OutboundStatus {
        public Pending {
            Check.notNegative("attempts", attempts);
            Check.notNull("nextAttemptAt", nextAttemptAt);
            Check.notNull("claimant", claimant);
            Check.notNull("previousError", previousError);
        }

        /** Recorded or sent again from the first attempt: due at once, no error, unclaimed. */
        public static Pending fresh() {
            return new Pending(0, Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public OutboundState state() {
            return OutboundState.PENDING;
        }

        @Override
        public Optional<String> lastError() {
            return previousError;
        }

        /** Claimed by {@code by}, still pending: the request has not started. */
        public Pending claim(String by) {
            return new Pending(attempts, nextAttemptAt, Optional.of(Check.notBlank("claimant", by)), previousError);
        }

        /** Whether {@code by} holds the claim on it. */
        public boolean claimedBy(String by) {
            return claimant.filter(by::equals).isPresent();
        }

        /** Its claimant starts the request: one more attempt. Only a claimed document starts. */
        public Sending startSending() {
            return new Sending(claimant.orElseThrow(() -> new IllegalStateException(
                    "an unclaimed document cannot start sending")), attempts + 1, nextAttemptAt, previousError);
        }
    }

    /** A sender holds it and may have started the request. */
    record Sending(String sender, int attempts, Optional<Instant> nextAttemptAt, Optional<String> previousError)
            implements OutboundStatus {
        public Sending {
            Check.notBlank("claimant", sender);
            Check.notNegative("attempts", attempts);
            Check.notNull("nextAttemptAt", nextAttemptAt);
            Check.notNull("previousError", previousError);
        }

        @Override
        public OutboundState state() {
            return OutboundState.SENDING;
        }

        @Override
        public Optional<String> claimant() {
            return Optional.of(sender);
        }

        @Override
        public Optional<String> lastError() {
            return previousError;
        }

        /** How the sender's attempt ended: the only way a sender leaves a document. */
        public OutboundStatus end(AttemptEnd end) {
            Check.notNull("end", end);
            if (end instanceof AttemptEnd.RetryAt r) {
                return new Pending(attempts, Optional.of(r.at()), Optional.empty(), Optional.of(r.reason()));
            }
            return switch (end.state()) {
                case SENT -> new Sent(attempts, Optional.empty());
                case FAILED -> new Refused(attempts, end.error());
                case DEAD -> new Dead(attempts, end.error());
                case IN_DOUBT -> new InDoubt(attempts, end.error());
                case PENDING, SENDING, DISCARDED -> throw new IllegalStateException(
                        "no attempt ends " + end.state());
            };
        }

        /**
         * Its sender stopped while sending (its claim expired): a repeatable document is due again at once, any other
         * may have reached Jakamo and waits for a person.
         */
        public OutboundStatus abandon(boolean repeatable) {
            String why = "the sender " + sender + " stopped while sending";
            return repeatable
                    ? new Pending(attempts, Optional.empty(), Optional.empty(),
                            Optional.of(why + "; sent again, as repeating it is harmless"))
                    : new InDoubt(attempts, Optional.of(why));
        }
    }

    /** Jakamo took it. Final; the error of an in-doubt attempt stays after an operator resolved it as sent. */
    record Sent(int attempts, Optional<String> lastError) implements OutboundStatus {
        @Override
        public OutboundState state() {
            return OutboundState.SENT;
        }
    }

    /** FAILED after an attempt: Jakamo (or a check before the request) refused it. */
    record Refused(int attempts, Optional<String> lastError) implements Retryable, Discardable {
        public Refused {
            Check.that(attempts > 0, "attempts", "must be at least 1 for a refusal after an attempt");
        }

        @Override
        public OutboundState state() {
            return OutboundState.FAILED;
        }
    }

    /**
     * FAILED with no attempt: the connector refused it before sending (unreadable, an unknown root, no order number,
     * for another integration), so Jakamo never saw it. Not retried with the bytes that were refused: only with its
     * file corrected.
     */
    record RefusedLocally(Optional<String> lastError) implements Discardable {
        @Override
        public OutboundState state() {
            return OutboundState.FAILED;
        }

        @Override
        public int attempts() {
            return 0;
        }

        /** Its corrected file goes to the senders, from the first attempt. */
        public Pending correct() {
            return Pending.fresh();
        }
    }

    /** Transient failures used up every attempt. */
    record Dead(int attempts, Optional<String> lastError) implements Retryable, Discardable {
        @Override
        public OutboundState state() {
            return OutboundState.DEAD;
        }
    }

    /** The request may or may not have reached Jakamo: a person decides. */
    record InDoubt(int attempts, Optional<String> lastError) implements Discardable {
        @Override
        public OutboundState state() {
            return OutboundState.IN_DOUBT;
        }

        /** Found in Jakamo: sent, its doubt kept as the last error. */
        public Sent resolveAsSent() {
            return new Sent(attempts, lastError);
        }

        /** Found missing in Jakamo: sent again from the first attempt. */
        public Pending resolveAsNotSent() {
            return Pending.fresh();
        }
    }

    /** An operator ended it for good. Final. */
    record Discarded(int attempts, Optional<String> lastError) implements OutboundStatus {
        @Override
        public OutboundState state() {
            return OutboundState.DISCARDED;
        }
    }

    /** The status of a stored record, whatever else its row keeps. */
    static OutboundStatus of(OutboundRecord r) {
        return switch (r.state()) {
            case PENDING -> new Pending(r.attempts(), r.nextAttemptAt(), r.claimedBy(), r.lastError());
            case SENDING -> new Sending(r.claimedBy().orElseThrow(() -> new IllegalStateException(
                    "outbound document " + r.id() + " is sending with no claimant")), r.attempts(),
                    r.nextAttemptAt(), r.lastError());
            case SENT -> new Sent(r.attempts(), r.lastError());
            case FAILED -> r.attempts() == 0 ? new RefusedLocally(r.lastError()) : new Refused(r.attempts(),
                    r.lastError());
            case DEAD -> new Dead(r.attempts(), r.lastError());
            case IN_DOUBT -> new InDoubt(r.attempts(), r.lastError());
            case DISCARDED -> new Discarded(r.attempts(), r.lastError());
        };
    }
}
