package io.jakamoconnector.adapter.jakamo;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request of a call: the bearer token, {@code Accept}, {@code User-Agent} and (with a body)
 * {@code Content-Type}, sent with the request timeout; and, when no answer comes, whether any of the request can have
 * reached Jakamo (a request whose body was never written, or that failed while connecting, cannot have).
 */
final class JakamoTransport {
    private static final Logger LOG = LoggerFactory.getLogger(JakamoApiClient.class);
    private static final String USER_AGENT = "jakamo-connector";

    private JakamoTransport() {
    }

    /**
     * Sends one request of the call with its token; a failure to get an answer is an {@link AttemptFailure} that says
     * whether any of the request can have arrived.
     */
    static HttpResponse<InputStream> send(HttpClient http, CallState state, BodyTracker body, long started) {
        JakamoCall call = state.call;
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(call.integration().options().requestTimeout())
                .header("Authorization", "Bearer " + state.token.value())
                .header("Accept", call.accept())
                .header("User-Agent", USER_AGENT)
                .method(call.method(), body);
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transportFailure(state, body, e, started, false);
        } catch (IOException | RuntimeException e) {
            throw transportFailure(state, body, e, started, true);
        }
    }

    private static AttemptFailure transportFailure(CallState state, BodyTracker body, Exception e, long started,
                                                   boolean retryable) {
        JakamoCall call = state.call;
        boolean notSent = body.nothingWritten(isConnectPhase(e));
        state.mayHaveArrived |= !notSent;
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String what = describe(e, call.integration().options().requestTimeout());
        LOG.info("jakamo {} [{}] {} {} {}: {} after {} ms ({}; attempt {})", call.integration().name(), state.id,
                call.method(), JakamoUris.logPath(call.uri()), call.what(), what, millis,
                notSent ? "nothing was sent" : "the request may have arrived", state.requests);
        return new AttemptFailure(notSent ? AttemptFailure.Kind.NOT_SENT : AttemptFailure.Kind.MAYBE_SENT, 0,
                call.what() + ": " + what + (notSent ? " before the request was sent"
                        : " after the request was sent; Jakamo may have received it"),
                List.of(), null, retryable, e);
    }

    /** Failures before the connection carried any of the request: refused, unreachable, timed out, TLS refused. */
    static boolean isConnectPhase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof InterruptedException) {
            return "interrupted";
        }
        String message = e.getMessage() == null ? "" : ": " + Text.clean(e.getMessage(), 160);
        return e.getClass().getSimpleName() + message;
    }
}
