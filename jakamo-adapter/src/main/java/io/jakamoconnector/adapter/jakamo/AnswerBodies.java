package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.document.DocumentReader;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of an answer: a successful one within the call's cap, an error body within 64 KiB and 5 s, each
 * checked against {@code Content-Length} before reading and within a time limit while reading; an error body becomes
 * Jakamo's messages ({@link ErrorBodyMapper}).
 */
final class AnswerBodies {
    private static final Logger LOG = LoggerFactory.getLogger(JakamoApiClient.class);
    private static final Duration ERROR_BODY_TIMEOUT = Duration.ofSeconds(5);

    private final DocumentReader errorCap;
    private final ErrorBodyMapper errors;

    /** @param errorCap the cap for error bodies and small answers */
    AnswerBodies(DocumentReader errorCap) {
        this.errorCap = errorCap;
        this.errors = new ErrorBodyMapper(errorCap);
    }

    JakamoResponse success(CallState state, HttpResponse<InputStream> response, int status) {
        JakamoCall call = state.call;
        try {
            byte[] bytes = readBody(response, call.successCap(), call.integration().options().requestTimeout());
            return new JakamoResponse(status, response.headers(), bytes, null, List.of(), state.mayHaveArrived);
        } catch (UnreadableDocumentException e) {
            if (call.repeatable() && e.reason() != UnreadableDocumentException.Reason.TOO_LARGE) {
                throw new JakamoExchangeException(JakamoExchangeException.Reason.UNREADABLE_RESPONSE, status,
                        call.integration().name() + ": " + call.what() + " answered " + status
                                + " with a body that was not read: " + e.getMessage(), List.of(), null, e);
            }
            return new JakamoResponse(status, response.headers(), null, e.getMessage(), List.of(),
                    state.mayHaveArrived);
        } catch (IOException e) {
            String problem = JakamoTransport.describe(e, call.integration().options().requestTimeout());
            if (call.repeatable()) {
                LOG.info("jakamo {} [{}] {} {}: {} with a body cut off ({}; attempt {})", call.integration().name(),
                        state.id, call.method(), call.what(), status, problem, state.requests);
                throw new AttemptFailure(AttemptFailure.Kind.BODY, status,
                        call.what() + " answered " + status + " but its body was cut off: " + problem, List.of(),
                        null, true, e);
            }
            return new JakamoResponse(status, response.headers(), null, problem, List.of(), state.mayHaveArrived);
        }
    }

    /** A refusal keeps its (capped) body, so a caller can tell an empty-queue 404 from another. */
    JakamoResponse refusal(CallState state, HttpResponse<InputStream> response, int status) {
        try {
            byte[] body = readBody(response, errorCap, ERROR_BODY_TIMEOUT);
            return new JakamoResponse(status, response.headers(), body, null,
                    errors.messages(body, response.headers().firstValue("Content-Type").orElse(null)),
                    state.mayHaveArrived);
        } catch (UnreadableDocumentException e) {
            String problem = "the error body was not read (" + e.reason() + "): " + Text.clean(e.getMessage(), 200);
            return new JakamoResponse(status, response.headers(), null, problem, List.of(problem),
                    state.mayHaveArrived);
        } catch (IOException e) {
            String problem = "the error body was cut off";
            return new JakamoResponse(status, response.headers(), null, problem, List.of(problem),
                    state.mayHaveArrived);
        }
    }

    List<String> errorMessages(HttpResponse<InputStream> response) {
        try {
            byte[] body = readBody(response, errorCap, ERROR_BODY_TIMEOUT);
            return errors.messages(body, response.headers().firstValue("Content-Type").orElse(null));
        } catch (UnreadableDocumentException e) {
            return List.of("the error body was not read (" + e.reason() + "): " + Text.clean(e.getMessage(), 200));
        } catch (IOException e) {
            return List.of("the error body was cut off");
        }
    }

    /**
     * Reads the body within the cap and within {@code timeout}: the client's request timeout ends with the headers,
     * so a server that sends headers and then trickles or stalls would otherwise hold the thread forever.
     */
    static byte[] readBody(HttpResponse<InputStream> response, DocumentReader cap, Duration timeout)
            throws IOException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        AtomicBoolean expired = new AtomicBoolean();
        InputStream in = response.body();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            expired.set(true);
            closeQuietly(in);
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (in) {
            byte[] bytes = cap.readCapped(in, declared);
            if (expired.get()) {
                throw new HttpTimeoutException("the body did not arrive within " + timeout.toMillis() + " ms");
            }
            return bytes;
        } catch (IOException e) {
            if (expired.get()) {
                throw new HttpTimeoutException("the body did not arrive within " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the read is stopped; a failure to close changes nothing
        }
    }
}
