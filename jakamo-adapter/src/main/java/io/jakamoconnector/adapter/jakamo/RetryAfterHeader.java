package io.jakamoconnector.adapter.jakamo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfterHeader {
    /**
     * The longest advice ever honoured, whatever the configuration: beyond a day it is a misconfigured server, and
     * the configured cap ({@link JakamoOptions#longestRetryAfter()}, 1 hour by default) is usually far shorter.
     */
    static final Duration LONGEST = Duration.ofDays(1);

    private RetryAfterHeader() {
    }

    /**
     * The wait it asks for from {@code now}, never negative and at most {@code cap} (itself at most a day); empty when
     * absent or unreadable. One answer must not stop an integration for longer than the operator allows.
     */
    static Optional<Duration> parse(String value, Instant now, Duration cap) {
        Duration longest = cap.compareTo(LONGEST) > 0 ? LONGEST : cap;
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                return Optional.of(longest);
            }
            return Optional.of(bounded(Duration.ofSeconds(Long.parseLong(v)), longest));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(bounded(wait.isNegative() ? Duration.ZERO : wait, longest));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration bounded(Duration wait, Duration longest) {
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
