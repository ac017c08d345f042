package io.jakamoconnector.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * One misbehaviour of an endpoint. Faults that replace the answer ({@link Kind#HANG}, {@link Kind#CONNECTION_RESET},
 * {@link Kind#TOO_MANY_REQUESTS}, {@link Kind#SERVER_ERROR}) strike <em>before</em> the request is processed unless
 * {@link #afterProcessing()} is asked for, which models "the server did it, the answer was lost". Faults that corrupt
 * the answer ({@link Kind#EMPTY_RESPONSE}, {@link Kind#MALFORMED_BODY}, {@link Kind#TRUNCATED_BODY}) always strike
 * after processing; {@link Kind#LATENCY} delays and then lets the request through.
 *
 * @param duration for LATENCY the delay; for HANG the longest hang ({@code null}: until the sandbox closes)
 * @param status for SERVER_ERROR the status (500–599); otherwise 0
 * @param retryAfterSeconds the {@code Retry-After} value for TOO_MANY_REQUESTS and SERVER_ERROR; 0 means none
 */
public record Fault(Kind kind, Duration duration, int status, int retryAfterSeconds, boolean processedFirst) {

    public enum Kind {
        /** The answer comes, late. */
        LATENCY,
        /** No answer until the client gives up (or the given duration, or the sandbox closes); then the connection closes. */
        HANG,
        /** The connection is closed without an answer; the client sees EOF before any status line. */
        CONNECTION_RESET,
        /** 200 with an empty body and none of the usual headers. */
        EMPTY_RESPONSE,
        /** The real status and headers with a body cut in half (a syntactically broken document), complete length. */
        MALFORMED_BODY,
        /** The real status and headers, a {@code Content-Length} of the whole body, half of it sent, then close. */
        TRUNCATED_BODY,
        /** 429 with {@code Retry-After}. */
        TOO_MANY_REQUESTS,
        /** A 5xx status with the service's error body (Entra JSON, or Jakamo XML / a proxy's HTML page). */
        SERVER_ERROR,
        /**
         * 401 with an error body and no {@code WWW-Authenticate}, whatever the credentials: a server that does not say
         * which schemes it takes, so a refused password and a prevented basic authentication look alike.
         */
        UNAUTHORIZED_WITHOUT_CHALLENGE
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.LATENCY && (duration == null || duration.isNegative())) {
            throw new IllegalArgumentException("duration: latency needs a non-negative duration");
        }
        if (kind == Kind.SERVER_ERROR && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("status: a server error is 500-599, not " + status);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds: must not be negative");
        }
        if (kind == Kind.EMPTY_RESPONSE || kind == Kind.MALFORMED_BODY || kind == Kind.TRUNCATED_BODY) {
            processedFirst = true;
        }
        if (kind == Kind.LATENCY) {
            processedFirst = false;
        }
    }

    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, delay, 0, 0, false);
    }

    /** Hangs until the sandbox closes; clients must time out by themselves. */
    public static Fault hang() {
        return new Fault(Kind.HANG, null, 0, 0, false);
    }

    public static Fault hang(Duration atMost) {
        return new Fault(Kind.HANG, Objects.requireNonNull(atMost, "atMost"), 0, 0, false);
    }

    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, null, 0, 0, false);
    }

    public static Fault emptyResponse() {
        return new Fault(Kind.EMPTY_RESPONSE, null, 0, 0, true);
    }

    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, null, 0, 0, true);
    }

    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, null, 0, 0, true);
    }

    public static Fault tooManyRequests(int retryAfterSeconds) {
        return new Fault(Kind.TOO_MANY_REQUESTS, null, 429, retryAfterSeconds, false);
    }

    public static Fault unauthorizedWithoutChallenge() {
        return new Fault(Kind.UNAUTHORIZED_WITHOUT_CHALLENGE, null, 401, 0, false);
    }

    public static Fault serverError(int status) {
        return new Fault(Kind.SERVER_ERROR, null, status, 0, false);
    }

    public static Fault serverError(int status, int retryAfterSeconds) {
        return new Fault(Kind.SERVER_ERROR, null, status, retryAfterSeconds, false);
    }

    /** The same fault, striking after the request was processed (its effects are kept, its answer is lost). */
    public Fault afterProcessing() {
        return new Fault(kind, duration, status, retryAfterSeconds, true);
    }

    /** A short description for the journal, e.g. {@code SERVER_ERROR 503 after-processing}. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.name());
        if (status != 0) {
            text.append(' ').append(status);
        }
        if (duration != null) {
            text.append(' ').append(duration.toMillis()).append("ms");
        }
        if (retryAfterSeconds > 0) {
            text.append(" retry-after=").append(retryAfterSeconds);
        }
        if (processedFirst && kind != Kind.EMPTY_RESPONSE && kind != Kind.MALFORMED_BODY && kind != Kind.TRUNCATED_BODY) {
            text.append(" after-processing");
        }
        return text.toString();
    }
}
