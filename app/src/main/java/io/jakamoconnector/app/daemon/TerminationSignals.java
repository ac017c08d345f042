package io.jakamoconnector.app.daemon;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM (systemd, {@code kill}, {@code Process.destroy()}) and SIGINT (Ctrl-C) into a stop request the
 * command handles on its own thread: stop the service, close the resources, return an exit code.
 * <p>
 * Why not only a shutdown hook: hooks run concurrently and in no order, and the embedded PostgreSQL library
 * registers its own hook that stops the server. Our stop (finish the current step, release the leases, audit
 * SERVICE_STOPPED, close the database) would race it. Handling the signal lets everything close in order, and the JVM's
 * hooks run after, when there is nothing left for them. A second signal exits at once (status 130 or 143, the
 * shells' convention for a signal), still running the hooks. Where the JVM does not offer signal handling, or for any
 * other way the JVM ends, a shutdown hook makes the same stop request and waits for it to be done.
 */
public final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private final Runnable onStop;
    private final AtomicInteger signals = new AtomicInteger();
    private volatile boolean forced;
    private final Thread hook;
    private final java.util.Map<String, sun.misc.SignalHandler> previous = new java.util.HashMap<>();

    private TerminationSignals(Runnable onStop, Runnable awaitStopped) {
        this.onStop = onStop;
        this.hook = new Thread(() -> {
            if (signals.incrementAndGet() == 1) {
                onStop.run();
            }
            if (!forced) {
                awaitStopped.run();
            }
        }, "jakamo-shutdown");
    }

    /**
     * Installs the handlers. {@code onStop} must only signal (it runs on the JVM's signal thread);
     * {@code awaitStopped} blocks until the command has stopped everything, or a while (the shutdown hook waits with
     * it, except after a second signal).
     */
    public static TerminationSignals install(Runnable onStop, Runnable awaitStopped) {
        TerminationSignals signals = new TerminationSignals(onStop, awaitStopped);
        signals.handle("TERM", 143);
        signals.handle("INT", 130);
        Runtime.getRuntime().addShutdownHook(signals.hook);
        return signals;
    }

    private void handle(String name, int exitCode) {
        try {
            previous.put(name, Signal.handle(new Signal(name), signal -> {
                if (signals.incrementAndGet() == 1) {
                    LOG.info("SIG{} received: stopping after the current step", name);
                    onStop.run();
                } else {
                    LOG.warn("SIG{} received again: exiting now", name);
                    forced = true;
                    System.exit(exitCode);
                }
            }));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debug("SIG{} cannot be handled here ({}); the shutdown hook stops the service", name, e.toString());
        }
    }

    /** Whether a stop was requested by a signal or the JVM ending. */
    public boolean requested() {
        return signals.get() > 0;
    }

    /**
     * Once the command has stopped everything itself: puts the JVM's own signal handling back and removes the shutdown
     * hook, so a later signal ends the process the usual way.
     */
    public void done() {
        previous.forEach((name, handler) -> {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // nothing was installed for it
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook is running and finds everything stopped
        }
    }
}
