package io.jakamoconnector.adapter.console;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the console listens and keeps sessions.
 *
 * @param address        where it listens (by default 127.0.0.1 and a fixed port)
 * @param idleTimeout    a connection idle this long is closed, also in the middle of a request
 * @param maxConnections open connections at most
 * @param maxThreads     threads serving requests (at least 4)
 * @param secureCookies  the session cookie is {@code Secure}: set when the console is reached over TLS (a reverse
 *                       proxy in front of it)
 * @param sessionIdle    a session unused this long ends
 * @param sessionMaximum a session ends this long after sign-in, used or not
 * @param breakGlassFile where {@code run} writes a one-time sign-in token (0600), or empty for none
 * @param zone           the zone times are shown in before the browser converts them to its own
 * @param configuration  the configuration as shown on its page: key and value, secrets as references only
 */
public record ConsoleSettings(InetSocketAddress address, Duration idleTimeout, int maxConnections, int maxThreads,
                              boolean secureCookies, Duration sessionIdle, Duration sessionMaximum,
                              Optional<Path> breakGlassFile, ZoneId zone, List<ConfigLine> configuration) {

    /** One line of the configuration page. */
    public record ConfigLine(String key, String value) {
    }

    public ConsoleSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(breakGlassFile, "breakGlassFile");
        Objects.requireNonNull(zone, "zone");
        configuration = List.copyOf(configuration);
        if (maxThreads < 4) {
            throw new IllegalArgumentException("console: maxThreads must be at least 4");
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMaximum.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("console: the session's idle expiry must be positive and at most its "
                    + "absolute expiry");
        }
    }
}
