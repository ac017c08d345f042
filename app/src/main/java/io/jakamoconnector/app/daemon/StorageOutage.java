package io.jakamoconnector.app.daemon;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the service has told that the database cannot be reached: shared by every loop, so an outage is one ERROR
 * however many loops see it, and one INFO when the first of them works again.
 */
final class StorageOutage {
    private static final Logger LOG = LoggerFactory.getLogger(StorageOutage.class);
    private Instant since;

    /** A loop found the database unreachable for {@code rounds} rounds in a row since {@code from}. */
    synchronized void unreachable(String loop, int rounds, Instant from, String error) {
        if (since != null) {
            return;
        }
        since = from;
        LOG.error("the database cannot be reached: {} rounds of the {} loop failed since {} ({}); the service cannot "
                + "send or receive until it can. To do: check that PostgreSQL is running and reachable from this "
                + "host (for the embedded default: the data directory's disk space and permissions, and the service's "
                + "journal), then run 'jakamo-connector doctor'. Nothing is lost: the service tries again each round.",
                rounds, loop, from, error);
    }

    /** A round that needed the database worked. */
    synchronized void reachable(Instant now) {
        if (since == null) {
            return;
        }
        LOG.info("the database is reachable again after {} s; the service works again",
                Duration.between(since, now).toSeconds());
        since = null;
    }
}
