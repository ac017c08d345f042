package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.port.out.StateStoreException;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * How loud a loop's failed round is. One failed round that the next heals is normal work (INFO); the second in a
 * row is WARN, once, as a person should look; the database unreachable for {@link #ERROR_AFTER} rounds in a row is
 * the service unable to work ({@link StorageOutage}, ERROR once). When rounds work again after a WARN, an INFO says so.
 */
final class RoundFailureLog {
    /** Rounds in a row after which a failure is no longer a blip. */
    static final int WARN_AFTER = 2;
    /** Rounds in a row without the database after which the service says it cannot work. */
    static final int ERROR_AFTER = 3;

    private final Logger log;
    private final String loop;
    private final StorageOutage outage;
    private int failedInARow;
    private Instant since;
    private boolean warned;

    RoundFailureLog(Logger log, String loop, StorageOutage outage) {
        this.log = log;
        this.loop = loop;
        this.outage = outage;
    }

    synchronized void failed(Instant now, RuntimeException e) {
        String error = InboundLoop.describe(e);
        if (failedInARow++ == 0) {
            since = now;
        }
        if (failedInARow < WARN_AFTER) {
            log.info("{} round failed: {}; the next round tries again", loop, error);
        } else if (!warned) {
            warned = true;
            log.warn("{} round failed {} times in a row since {}: {}; it keeps trying each round, but this needs a "
                    + "look: 'jakamo-connector doctor' checks the configuration, the database and Jakamo", loop,
                    failedInARow, since, error);
        } else {
            log.info("{} round failed again ({} in a row): {}", loop, failedInARow, error);
        }
        if (e instanceof StateStoreException && ((StateStoreException) e).retryable() && failedInARow >= ERROR_AFTER) {
            outage.unreachable(loop, failedInARow, since, error);
        }
    }

    synchronized void succeeded(Instant now) {
        if (warned) {
            log.info("{} rounds work again after {} failed in a row since {}", loop, failedInARow, since);
        }
        failedInARow = 0;
        since = null;
        warned = false;
        outage.reachable(now);
    }
}
