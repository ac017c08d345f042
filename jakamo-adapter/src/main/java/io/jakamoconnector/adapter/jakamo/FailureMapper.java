package io.jakamoconnector.adapter.jakamo;

import io.jakamoconnector.domain.model.exchange.RetryAfter;
import io.jakamoconnector.domain.port.out.JakamoExchangeException;
import io.jakamoconnector.domain.port.out.JakamoExchangeException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns an answer Jakamo gave, or the lack of one, into the domain's {@link JakamoExchangeException}. */
final class FailureMapper {
    private FailureMapper() {
    }

    /**
     * The classification of a status: 401 authentication, 403 permission, 408/429/5xx transient, any other
     * non-2xx (4xx, and redirects, which are never followed) refused.
     */
    static Reason reasonFor(int status) {
        if (status == 401) {
            return Reason.AUTHENTICATION;
        }
        if (status == 403) {
            return Reason.PERMISSION;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Reason.TRANSIENT;
        }
        return Reason.REFUSED;
    }

    static JakamoExchangeException refusal(JakamoCall call, JakamoResponse response, Instant now) {
        int status = response.status();
        Reason reason = reasonFor(status);
        StringBuilder message = new StringBuilder()
                .append(call.integration().name()).append(": ").append(call.what()).append(" (")
                .append(call.method()).append(' ').append(JakamoUris.logPath(call.uri())).append(") answered ")
                .append(status).append(' ').append(StatusText.of(status))
                .append(JakamoApiClient.suffix(response.messages()));
        if (reason == Reason.PERMISSION) {
            message.append("; the OAuth2 application mapped to this integration lacks the ")
                    .append(call.integration().kind().permission().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" permission this needs (Jakamo grants one category per application: orders or claims)");
        }
        if (status >= 300 && status < 400) {
            message.append("; redirects are never followed (the token would go along)")
                    .append(response.headers().firstValue("Location").map(l -> ", it pointed to " + Text.clean(l, 200))
                            .orElse(""));
        }
        if (status == 405) {
            response.headers().firstValue("Allow").ifPresent(allow -> message.append("; the endpoint allows ")
                    .append(Text.clean(allow, 60)));
        }
        Duration retryAfter = reason == Reason.TRANSIENT ? response.headers().firstValue("Retry-After")
                .flatMap(v -> RetryAfter.parse(v, now, call.integration().options().longestRetryAfter()))
                .orElse(null) : null;
        return new JakamoExchangeException(reason, status, message.toString(), response.messages(), retryAfter, null);
    }

    static JakamoExchangeException failure(JakamoCall call, AttemptFailure failure) {
        Reason reason = failure.kind() == AttemptFailure.Kind.BODY ? Reason.UNREADABLE_RESPONSE : Reason.TRANSIENT;
        Throwable cause = Optional.<Throwable>ofNullable(failure.getCause()).orElse(failure);
        return new JakamoExchangeException(reason, failure.status(), call.integration().name() + ": "
                + failure.getMessage(), failure.remoteMessages(), failure.retryAfter(), cause);
    }

    static JakamoExchangeException unreadable(JakamoCall call, int status, String problem) {
        return new JakamoExchangeException(Reason.UNREADABLE_RESPONSE, status, call.integration().name() + ": "
                + call.what() + " (" + call.method() + ' ' + JakamoUris.logPath(call.uri()) + ") answered " + status
                + " " + StatusText.of(status) + ", " + problem, List.of(), null, null);
    }
}
