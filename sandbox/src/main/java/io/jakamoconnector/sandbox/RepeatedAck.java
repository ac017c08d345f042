package io.jakamoconnector.sandbox;

/** The answer to acknowledging a message that is already cleared (undocumented, open question 5). */
public enum RepeatedAck {
    /** 200 with the usual {@code <Info>} body: acknowledgement is idempotent. The default. */
    OK,
    /** 404 with an {@code <errors>} body. */
    NOT_FOUND
}
