package io.jakamoconnector.domain.model.sync;

import io.jakamoconnector.domain.model.Check;
import java.time.Instant;
import java.util.Optional;

/** The rules every listing query shares. */
final class PageLimits {
    static final int MAX_LIMIT = 1000;

    private PageLimits() {
    }

    static void check(Optional<Instant> from, Optional<Instant> until, int limit, int offset) {
        Check.that(limit >= 1 && limit <= MAX_LIMIT, "query.limit", "must be between 1 and " + MAX_LIMIT);
        Check.that(offset >= 0, "query.offset", "must not be negative");
        Check.that(from.isEmpty() || until.isEmpty() || from.get().isBefore(until.get()), "query.until",
                "must be after from");
    }
}
