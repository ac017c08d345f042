package io.jakamoconnector.app.wiring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Starts resources in the order they were added and closes them in reverse, once. Providers only construct; all I/O
 * (starting a database, binding a port) happens here, so building the injector never touches the outside world.
 */
public final class Lifecycle implements AutoCloseable {

    /** Something with a start and an end. */
    public interface Resource extends AutoCloseable {
        /** Starts; a failure is an unchecked exception that says what could not start. */
        void start();

        @Override
        void close();

        /**
         * Called by {@link Lifecycle#close()} instead of {@link #close()} when this was added but never started,
         * because an earlier resource (or this one) failed to start: what waited for the start can say so.
         */
        default void abandon(RuntimeException why) {
        }

        /** A resource from a start and a close action. */
        static Resource of(Runnable start, Runnable close) {
            return new Resource() {
                @Override
                public void start() {
                    start.run();
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }


    private final List<Resource> resources = new ArrayList<>();
    private final Deque<Resource> started = new ArrayDeque<>();
    private RuntimeException startFailure;

    public synchronized Lifecycle add(Resource resource) {
        resources.add(resource);
        return this;
    }

    public synchronized void start() {
        for (Resource resource : resources) {
            if (!started.contains(resource)) {
                try {
                    resource.start();
                } catch (RuntimeException e) {
                    startFailure = e;
                    throw e;
                }
                started.push(resource);
            }
        }
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        RuntimeException why = startFailure != null ? startFailure
                : new IllegalStateException("the connector stopped before it was started");
        for (Resource resource : resources) {
            if (!started.contains(resource)) {
                try {
                    resource.abandon(why);
                } catch (RuntimeException e) {
                    first = new IllegalStateException("closing failed: " + e.getMessage(), e);
                }
            }
        }
        resources.clear();   // once: a second close finds nothing to abandon or close
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = new IllegalStateException("closing failed: " + e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
