package io.jakamoconnector.sandbox;

/**
 * Whether a queue message keeps its {@code X-Acknowledge-Uri} across reads (open question 5: the documentation does not
 * say). With {@link #NEW_PER_READ} every read of the head hands out another URI ({@code …/response/{id}~{read}}) and
 * only the one handed out last clears it; an older one answers 404, as an expired one would.
 */
public enum AckUris {
    /** One URI per message. The default. */
    STABLE,
    NEW_PER_READ
}
