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

    public synchronized Lifecycle add(Resource resource) {
        resources.add(resource);
        return this;
    }

    public synchronized void start() {
        for (Resource resource : resources) {
            if (!started.contains(resource)) {
                resource.start();
                started.push(resource);
            }
        }
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
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
