package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.model.exchange.IntegrationName;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.domain.port.out.AccessTokenUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run}'s first token of each integration, asked for in the background while the database starts, so the first
 * poll does not wait for it afterwards. It only fills the token adapter's cache: the loops take the token from there.
 * A failure here is logged and otherwise ignored, since the loops meet a token outage on their own; start-up does not
 * wait for this and is not stopped by it.
 * <p>
 * The token request is audited as every other one; while the database starts its event is held in memory and written
 * first once the database is up, and the loops, which start after that, are the first to use the token.
 */
public final class TokenPrefetch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPrefetch.class);

    private final AccessTokenPort tokens;
    private final List<IntegrationName> integrations;
    private final List<Thread> threads = new ArrayList<>();

    public TokenPrefetch(AccessTokenPort tokens, List<IntegrationName> integrations) {
        this.tokens = tokens;
        this.integrations = List.copyOf(integrations);
    }

    /** Starts one background request per integration and returns at once. */
    public synchronized void start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("the token prefetch was already started");
        }
        for (IntegrationName integration : integrations) {
            Thread thread = new Thread(() -> fetch(integration), "token-prefetch-" + integration.value());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void fetch(IntegrationName integration) {
        try {
            AccessToken token = tokens.token(integration);
            LOG.debug("{}: first token {} ready before the loops start", integration.value(), token.fingerprint().value());
        } catch (AccessTokenUnavailableException e) {
            LOG.info("{}: no token during start-up ({}); the loops ask again", integration.value(), e.reasonCode());
        } catch (RuntimeException e) {
            LOG.warn("{}: asking for the first token during start-up failed ({}); the loops ask again",
                    integration.value(), e.getClass().getSimpleName());
        }
    }

    /** Waits at most {@code millis} for the requests to end; for tests and diagnostics. True when all have ended. */
    public boolean await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        for (Thread thread : started) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                thread.join(left);
            }
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Stops waiting for requests still under way (the token adapter's close ends them). */
    @Override
    public synchronized void close() {
        threads.forEach(Thread::interrupt);
    }
}
