package io.jakamoconnector.app.daemon;

import io.jakamoconnector.domain.model.exchange.IntegrationName;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The log context of one unit of work: the integration and a correlation id such as {@code in-3fa2c4d5e6} in the MDC
 * of the thread doing it, so every line the work logs (ours and the adapters') carries both. Closing restores what the
 * thread had before.
 */
public final class WorkContext implements AutoCloseable {
    public static final String INTEGRATION = "integration";
    public static final String CORRELATION_ID = "correlationId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> previous;
    private final String correlationId;

    private WorkContext(Map<String, String> previous, String correlationId) {
        this.previous = previous;
        this.correlationId = correlationId;
    }

    /** Starts a unit of work: {@code prefix} says which kind ({@code in}, {@code out}, {@code sync}, {@code run}). */
    public static WorkContext open(IntegrationName integration, String prefix) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        String id = newId(prefix);
        if (integration != null) {
            MDC.put(INTEGRATION, integration.value());
        }
        MDC.put(CORRELATION_ID, id);
        return new WorkContext(previous, id);
    }

    /** A correlation id: the prefix and ten random hex digits. */
    public static String newId(String prefix) {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Runs {@code work} on another thread with this thread's log context. */
    public static Runnable carrying(Runnable work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            restore(context);
            try {
                work.run();
            } finally {
                restore(before);
            }
        };
    }

    /** Computes {@code work} on another thread with this thread's log context. */
    public static <T> java.util.concurrent.Callable<T> carrying(java.util.function.Supplier<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            restore(context);
            try {
                return work.get();
            } finally {
                restore(before);
            }
        };
    }

    public String correlationId() {
        return correlationId;
    }

    @Override
    public void close() {
        restore(previous);
    }

    private static void restore(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
