package io.jakamoconnector.bench;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import io.jakamoconnector.sandbox.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1: token requests that reach Entra (the sandbox's journal counts them) when 32 threads ask for a token at
 * once, through the connector's token adapter and the way the seed's samples do it (a new
 * {@code ConfidentialClientApplication} per call, so MSAL's per-instance cache never helps). The same number of calls
 * in both arms; the sandbox's tokens live an hour, so every call here falls into one token lifetime.
 */
final class TokenFigures {
    static final int THREADS = 32;
    /** p50 of one token request made alone (new application, one thread), set by {@link #run}. */
    static double singleRequestNanos = Double.NaN;

    private TokenFigures() {
    }

    static void run(Report report, int callsPerThread, int seedCallsPerThread) throws Exception {
        try (Bed bed = new Bed("token", "", Map.of()).start()) {
            AccessTokenPort tokens = bed.get(AccessTokenPort.class);
            long before = bed.sandbox.journal().count(Endpoint.TOKEN);

            // ours, cold: 32 threads released together on an empty cache, then callsPerThread more each
            long[] oursNanos = callAll(callsPerThread, () -> tokens.token(Bed.INTEGRATION).value());
            long oursRequests = bed.sandbox.journal().count(Endpoint.TOKEN) - before;
            long oursCalls = (long) THREADS * callsPerThread;

            // the seed samples' way: a new application per call, same threads, fewer calls (each one is a request)
            long seedBefore = bed.sandbox.journal().count(Endpoint.TOKEN);
            long[] seedNanos = callAll(seedCallsPerThread, () -> seedWay(bed));
            long seedRequests = bed.sandbox.journal().count(Endpoint.TOKEN) - seedBefore;
            long seedCalls = (long) THREADS * seedCallsPerThread;

            double oursPerCall = (double) oursRequests / oursCalls;
            double seedPerCall = (double) seedRequests / seedCalls;
            report.figure("1 token", "token requests per registration per token lifetime, 32 threads",
                    Report.f("%d request(s) for %,d calls", oursRequests, oursCalls),
                    Report.f("seed way: %,d requests for %,d calls", seedRequests, seedCalls),
                    seedPerCall / oursPerCall, "ours = 1", oursRequests == 1 ? "met" : "MISSED");
            report.figure("1 token", "wall time per token() call, 32 threads (p50)",
                    Report.f("%.1f us", percentile(oursNanos, 50) / 1e3),
                    Report.f("seed way %.1f ms", percentile(seedNanos, 50) / 1e6),
                    percentile(seedNanos, 50) / percentile(oursNanos, 50), "", "");

            // what one token request costs when it is made alone: the price a cache hit avoids
            long[] single = new long[50];
            for (int i = 0; i < single.length; i++) {
                long began = System.nanoTime();
                seedWay(bed);
                single[i] = System.nanoTime() - began;
            }
            singleRequestNanos = percentile(single, 50);
        }
    }

    /** The pattern of the seed's samples: build the application, acquire, drop it. */
    private static String seedWay(Bed bed) throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(bed.app.clientId(),
                        ClientCredentialFactory.createFromSecret(bed.app.clientSecret()))
                .authority(bed.sandbox.authority())
                .instanceDiscovery(false)
                .sslSocketFactory(bed.sandbox.clientSocketFactory())
                .build();
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(bed.sandbox.scope())).build())
                .get(30, TimeUnit.SECONDS).accessToken();
    }

    interface Call {
        String call() throws Exception;
    }

    /** Every thread waits at a gate, then makes {@code calls} calls; returns each call's duration. */
    static long[] callAll(int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch gate = new CountDownLatch(1);
        long[] nanos = new long[THREADS * calls];
        AtomicLong failures = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t * calls;
            futures.add(pool.submit(() -> {
                gate.await();
                for (int i = 0; i < calls; i++) {
                    long began = System.nanoTime();
                    String token = call.call();
                    nanos[offset + i] = System.nanoTime() - began;
                    if (token == null || token.isEmpty()) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        gate.countDown();
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " call(s) returned no token");
        }
        return nanos;
    }

    static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.round(p / 100.0 * (sorted.length - 1)));
        return sorted[index];
    }
}
