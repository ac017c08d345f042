package io.jakamoconnector.domain.model.exchange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A service's advice on when to ask again ({@code Retry-After}, RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * The one reading of it for every adapter that talks to a service, so Entra ID and Jakamo advice is honoured alike.
 */
public final class RetryAfter {
    /**
     * The longest advice ever honoured, whatever the configuration: beyond a day it is a misconfigured server, and the
     * configured caps (1 hour by default) are usually far shorter.
     */
    public static final Duration LONGEST = Duration.ofDays(1);

    /** More digits than this is beyond any cap (10^9 s is 31 years); read as "the longest" without overflowing. */
    private static final int MAX_DIGITS = 9;

    private RetryAfter() {
    }

    /**
     * The wait the advice asks for from {@code now}, never negative and at most {@code cap} (itself at most
     * {@link #LONGEST}): one answer must not stop an integration for longer than the operator allows. Empty when
     * absent or unreadable: a sign, a fraction or a word is not delay-seconds, and a past date means now.
     */
    public static Optional<Duration> parse(String value, Instant now, Duration cap) {
        Duration longest = cap.compareTo(LONGEST) > 0 ? LONGEST : cap;
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (v.length() > MAX_DIGITS) {
                return Optional.of(longest);
            }
            return Optional.of(atMost(Duration.ofSeconds(Long.parseLong(v)), longest));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(atMost(wait.isNegative() ? Duration.ZERO : wait, longest));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration atMost(Duration wait, Duration longest) {
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
