package io.jakamoconnector.domain.testing;

import io.jakamoconnector.domain.model.sync.AttemptEnd;
import io.jakamoconnector.domain.model.sync.OutboundState;

/** For tests that set a document up in a given finished state through a sender's attempt. */
public final class AttemptEnds {
    private AttemptEnds() {
    }

    /** The attempt end that leaves a document in {@code state}, with {@code error} as its last error. */
    public static AttemptEnd leaving(OutboundState state, String error) {
        return switch (state) {
            case SENT -> new AttemptEnd.Sent();
            case FAILED -> new AttemptEnd.Refused(error);
            case DEAD -> new AttemptEnd.OutOfAttempts(error);
            case IN_DOUBT -> new AttemptEnd.InDoubt(error);
            case PENDING, SENDING, DISCARDED -> throw new IllegalArgumentException(
                    "a sender's attempt does not end " + state + " without more: use an AttemptEnd");
        };
    }
}
