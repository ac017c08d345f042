package io.jakamoconnector.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as a person types it for {@code --since} / {@code --until}: an age ({@code 30m}, {@code 1h},
 * {@code 2d}: that long before now), a date ({@code 2026-12-01}: its start, UTC) or an instant
 * ({@code 2026-12-01T08:00:00Z}).
 */
final class TimeArgument {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhd])");

    private TimeArgument() {
    }

    /** The instant meant, or empty when the text is none of the three forms. */
    static Optional<Instant> parse(String text, Clock clock) {
        String t = text.strip();
        Matcher age = AGE.matcher(t);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Optional.of(clock.instant().minus(d));
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            // not a date: an instant, perhaps
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
