package io.jakamoconnector.sandbox;

/**
 * How the queue says "nothing for you": the documentation shows only the body, not the status (open question 4 of
 * the API notes), so the sandbox can answer each way.
 */
public enum EmptyQueueAnswer {
    /** 200 with {@code <status>No more messages available.</status>} (the documented sample). The default. */
    STATUS_BODY_200,
    /** 204 with no body. */
    NO_CONTENT_204,
    /** 404 with the same {@code <status>} body, as the 2025 connector's "NotFound" result suggests. */
    NOT_FOUND_404
}
