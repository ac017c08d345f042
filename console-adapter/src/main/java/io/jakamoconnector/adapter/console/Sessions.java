package io.jakamoconnector.adapter.console;

import io.jakamoconnector.domain.model.auth.OperatorIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers, kept in memory only (a restart signs everyone out): a random id in the cookie, a CSRF token per
 * session, idle and absolute expiry from the injected clock. A sign-in always makes a new session, so an id planted
 * in a browser before sign-in is worth nothing after it.
 */
final class Sessions {
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    static final class Session {
        final String id;
        final OperatorIdentity identity;
        final String csrf;
        final Instant createdAt;
        volatile Instant lastSeen;
        volatile String flash;

        Session(String id, OperatorIdentity identity, String csrf, Instant createdAt) {
            this.id = id;
            this.identity = identity;
            this.csrf = csrf;
            this.createdAt = createdAt;
            this.lastSeen = createdAt;
        }

        /** A message for the next page shown, once. */
        String takeFlash() {
            String message = flash;
            flash = null;
            return message;
        }
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration maximum;

    Sessions(Clock clock, Duration idle, Duration maximum) {
        this.clock = clock;
        this.idle = idle;
        this.maximum = maximum;
    }

    Session create(OperatorIdentity identity) {
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
        while (byId.size() >= MAX_SESSIONS) {
            byId.values().stream().min(Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> byId.remove(s.id));
        }
        Session session = new Session(random(), identity, random(), now);
        byId.put(session.id, session);
        return session;
    }

    /** The live session with this id, touched; empty when unknown or expired (which ends it). */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.createdAt.plus(maximum));
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
