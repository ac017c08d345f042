package io.jakamoconnector.adapter.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Times as the pages show them: the server's zone with its name, which the page's script turns into the browser's. */
final class Times {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");
    private final ZoneId zone;

    Times(ZoneId zone) {
        this.zone = zone;
    }

    Views.Time of(Instant at) {
        return at == null ? new Views.Time(null, "—") : new Views.Time(at.toString(), SHOWN.format(at.atZone(zone)));
    }

    Views.Time of(Optional<Instant> at) {
        return of(at.orElse(null));
    }

    static String age(Duration age) {
        if (age.isNegative()) {
            return "0 s";
        }
        if (age.toMinutes() < 1) {
            return age.toSeconds() + " s";
        }
        if (age.toHours() < 2) {
            return age.toMinutes() + " min";
        }
        if (age.toDays() < 2) {
            return age.toHours() + " h";
        }
        return age.toDays() + " days";
    }
}
