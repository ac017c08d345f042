package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.config.RetentionConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RetentionRound} every {@link RetentionConfig#EVERY} while the service runs, the first a minute after
 * the start (not in the middle of start-up's own work), on a thread of its own. Nothing is scheduled when no retention
 * is configured.
 */
public final class RetentionSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
    static final Duration FIRST_AFTER = Duration.ofMinutes(1);

    private final RetentionRound round;
    private final Duration first;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    public RetentionSchedule(RetentionRound round) {
        this(round, FIRST_AFTER, RetentionConfig.EVERY);
    }

    /** With other delays (tests). */
    RetentionSchedule(RetentionRound round, Duration first, Duration every) {
        this.round = Objects.requireNonNull(round, "round");
        this.first = Objects.requireNonNull(first, "first");
        this.every = Objects.requireNonNull(every, "every");
    }

    public synchronized void start() {
        if (!round.configured() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runOnce, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            round.run(false);
        } catch (RuntimeException e) {
            // the next round tries again; a failing database is reported by the loops and /health/ready
            LOG.warn("retention round failed, tried again in {} min: {}", every.toMinutes(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
