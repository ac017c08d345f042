package io.jakamoconnector.bench;

import io.jakamoconnector.domain.model.auth.AccessToken;
import io.jakamoconnector.domain.port.out.AccessTokenPort;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 1, second half: what a cached {@code token()} costs the caller, through the binding the Jakamo adapters use
 * ({@code AccessTokenPort}), with the connector built as {@code run} builds it against the sandbox. Sample mode, so
 * JMH reports the distribution (p50, p99), not only the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedTokenBenchmark {
    private Bed bed;
    private AccessTokenPort tokens;

    @Setup(Level.Trial)
    public void start() throws Exception {
        bed = new Bed("jmh-token", "", Map.of()).start();
        tokens = bed.get(AccessTokenPort.class);
        tokens.token(Bed.INTEGRATION);   // the one request; every measured call is a cache hit
    }

    @TearDown(Level.Trial)
    public void stop() {
        bed.close();
    }

    @Benchmark
    public AccessToken cachedToken() {
        return tokens.token(Bed.INTEGRATION);
    }
}
